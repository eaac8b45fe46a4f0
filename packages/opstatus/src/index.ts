export * from "@opstatus/core";
