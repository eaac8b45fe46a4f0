// A List Operation answer holding the one operation the waiter tests follow (the manifest's target example).
export const operationId = "75aab8db-8632-42b4-af2f-06b5820798ef";
export const resourceId = "a80c1728-cc0c-11e6-8080-525400060300";

export const operationList = (status: string, extra: Record<string, string> = {}) => ({
  operations: [
    {
      id: operationId,
      resource_id: resourceId,
      resource_type: "ECL::VirtualNetworkAppliance::VSRX",
      request_type: "Create",
      status,
      ...extra,
    },
  ],
});
