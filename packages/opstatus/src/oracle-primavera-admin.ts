export * from "@opstatus/oracle-primavera-admin";
