// The Users the DUIS reference test data (the RTDS request templates) sends from, with their fixed Party IDs. Kept
// apart from the premises (lib/duis/reference-premises.ts) so that the demo parties' list can name them without the
// database.

/** The User IDs (EUI-64) the reference templates originate from, and the DCC's own (the target of Non-Device SRs). */
export const REFERENCE_EUI = {
  dcc: "90B3D51F30000002",
  supplier: "90B3D51F30010000",
  networkOperator: "90B3D51F30020000",
  /** A second supplier (SMKI role 02): unknown to the devices, it reads with its own Key Agreement certificate. */
  supplier2: "90B3D51F30030000",
  /** A Load Controller (SMKI role 08), which sends SRV 7.16. */
  loadController: "90B3D51F30010008",
} as const;

const REFERENCE_PARTY_EUIS: string[] = Object.values(REFERENCE_EUI);

/** Is this Party ID one the reference templates send from (the DCC's included)? */
export const isReferenceUser = (eui64: string) => REFERENCE_PARTY_EUIS.includes(eui64);
