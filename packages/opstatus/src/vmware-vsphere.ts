export * from "@opstatus/vmware-vsphere";
