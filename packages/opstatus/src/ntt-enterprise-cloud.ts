export * from "@opstatus/ntt-enterprise-cloud";
