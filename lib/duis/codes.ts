// Every ResponseCode the gateway writes, with what it means here. All are values the DUIS 5.4 schema enumerates, so
// every response stays schema-valid. I0-E30 carry their published DUIS meanings (duis.md §4); the schema also lists
// E31, E40-E71 and SRV-specific E/W codes whose meanings are not public, and the product gives a few of those its own
// meaning (docs/decisions.md, "DUIS gateway"). I = information, W = warning (no action needed), E = error.

export const RESPONSE_CODES = {
  I0: "Success.",
  I99: "Acknowledgement: accepted for sending to the device, access control passed; or a Non-Device success with no body.",
  E1: "Invalid User / User Role: not a known DCC User holding that role.",
  E2: "The User Role may not send this Service Reference Variant.",
  E3: "The User's status (suspended) does not permit this request.",
  E4: "The User Role is not authorised for the device at the required date and time (Registration Data).",
  E5: "The device's SMI Status is incompatible with the request.",
  E11: "The Service Request is not compatible with the device type.",
  E12: "The Command Variant is not valid for this request.",
  E13: "The request type is not valid for the URL it was sent to (wrong web service for its Command Variant).",
  E17: "Local delivery is not permitted for this User Role and device status.",
  E19: "The device does not exist in the SMI.",
  E20: "The DCC cannot establish communications with the device.",
  E21: "No response received from the device.",
  E30: "Future-dated command timed out.",
  // Product-defined meanings of codes the schema enumerates without a public meaning:
  E40: "The request failed Verify: it does not conform to the DUIS schema (element names, required children, value formats).",
  E41: "RequestID already used by its originator (replay); only a Signed Pre-Command reuses its request's RequestID.",
  E42: "The signing certificate is not valid at receipt (expired or not yet valid).",
  E43: "The signing certificate is revoked.",
  E44: "ExecutionDateTime is not later than receipt, or more than 30 days after it.",
  E45: "Signed Pre-Command without a matching Pre-Command of the same User (none issued, or the payload differs).",
  E46: "Cancellation with nothing to cancel: no pending future-dated request of that SRV by the User on that device.",
  E050101: "Create Schedule refused: the User already has 99 active schedules on that device.",
  E050301: "Delete Schedule: the DSPScheduleID does not exist or is not owned by the sender.",
  W050301: "Delete Schedule: the User has no schedules on that device.",
} as const satisfies Record<string, string>;

export type ResponseCode = keyof typeof RESPONSE_CODES;

/** Names for the codes the pipeline returns, so call sites say which rule failed; each value is a RESPONSE_CODES key. */
export const CODE = {
  I0: "I0",
  I99: "I99",
  E1: "E1",
  E2: "E2",
  E3: "E3",
  E4: "E4",
  E5: "E5",
  E11: "E11",
  E12: "E12",
  E13: "E13",
  E17: "E17",
  E19: "E19",
  E20: "E20",
  E21: "E21",
  E30: "E30",
  VERIFY: "E40",
  REPLAY: "E41",
  CERTIFICATE_EXPIRED: "E42",
  CERTIFICATE_REVOKED: "E43",
  FUTURE_DATING: "E44",
  NO_PRE_COMMAND: "E45",
  NOTHING_TO_CANCEL: "E46",
  SCHEDULE_LIMIT: "E050101",
  E050301: "E050301",
  W050301: "W050301",
} as const satisfies Record<string, ResponseCode>;
