export * from "@opstatus/oracle-identity-governance";
