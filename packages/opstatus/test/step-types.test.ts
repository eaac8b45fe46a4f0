// Type tests of every provider's single step (`waiter.step`): it takes the provider's client, the waiter's target and
// a state or its token, and gives the end with the result typed by the vendor's body, or the next state.
import type { StepOptions, WaitResult, WaitState, WaitStep } from "@opstatus/core";
import * as ecl from "@opstatus/ntt-enterprise-cloud";
import * as oig from "@opstatus/oracle-identity-governance";
import * as p6 from "@opstatus/oracle-primavera-admin";
import * as cc from "@opstatus/vmware-customer-connect";
import * as vsphere from "@opstatus/vmware-vsphere";
import { describe, expectTypeOf, it } from "vitest";

/** The parameters a provider's step takes: its client, its target, and optionally a state and the step's options. */
type StepParameters<Client, Target, Body> = [
  client: Client,
  target: Target,
  state?: WaitState | string,
  options?: StepOptions<Body>,
];

describe("each provider's waiter.step (types)", () => {
  it("vSphere: waitForCustomization.step", () => {
    expectTypeOf(vsphere.waitForCustomization.step).parameters.toEqualTypeOf<
      StepParameters<vsphere.VsphereClient, string, vsphere.VmGuestCustomizationInfo>
    >();
    expectTypeOf(vsphere.waitForCustomization.step).returns.resolves.toEqualTypeOf<
      WaitStep<vsphere.VmGuestCustomizationInfo>
    >();
  });

  it("Customer Connect: waitForRequest.step", () => {
    expectTypeOf(cc.waitForRequest.step).parameters.toEqualTypeOf<
      StepParameters<cc.CustomerConnectClient, string, cc.RequestDetailsResponse>
    >();
    expectTypeOf(cc.waitForRequest.step).returns.resolves.toEqualTypeOf<WaitStep<cc.RequestDetailsResponse>>();
  });

  it("ECL: waitForOperation.step (an operation id or a resource's latest operation)", () => {
    expectTypeOf(ecl.waitForOperation.step).parameters.toEqualTypeOf<
      StepParameters<ecl.EnterpriseCloudClient, ecl.OperationTarget, ecl.OperationList>
    >();
    expectTypeOf(ecl.waitForOperation.step).returns.resolves.toEqualTypeOf<WaitStep<ecl.OperationList>>();
    // (never called: only compiled)
    const _wrongTarget = (client: ecl.EnterpriseCloudClient) =>
      // @ts-expect-error: a target is an object here, not a bare id
      ecl.waitForOperation.step(client, "75aab8db");
    expectTypeOf(_wrongTarget).toBeFunction();
  });

  it("OIG: waitForRequest.step", () => {
    expectTypeOf(oig.waitForRequest.step).parameters.toEqualTypeOf<
      StepParameters<oig.IdentityGovernanceClient, string, oig.UserRequest>
    >();
    expectTypeOf(oig.waitForRequest.step).returns.resolves.toEqualTypeOf<WaitStep<oig.UserRequest>>();
  });

  it("Primavera: waitForJob.step, and what a step gives", () => {
    expectTypeOf(p6.waitForJob.step).parameters.toEqualTypeOf<
      StepParameters<p6.PrimaveraClient, string, p6.UserDataStore>
    >();
    // (never called: only compiled)
    const _use = async (client: p6.PrimaveraClient, other: vsphere.VsphereClient) => {
      const step = await p6.waitForJob.step(client, "12345");
      if (step.done) expectTypeOf(step.result).toEqualTypeOf<WaitResult<p6.UserDataStore>>();
      else {
        expectTypeOf(step.token).toBeString();
        expectTypeOf(step.nextPollAt).toBeNumber();
        expectTypeOf(step.state).toEqualTypeOf<WaitState>();
      }
      // @ts-expect-error: another provider's client is not this waiter's
      await p6.waitForJob.step(other, "12345");
    };
    expectTypeOf(_use).toBeFunction();
  });
});
