export * from "@opstatus/vmware-customer-connect";
