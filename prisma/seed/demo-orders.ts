// The fixed CH ordering demo records (README, e2e specs): plain data, so the Playwright specs can import it without the
// Prisma client. prisma/seed/orders.ts seeds them relative to the clock at seed time ("this month" is the London month
// of the day the seed ran; "the ordering month" is the month a forecast submitted that day counts for, lib/orders/calendar
// orderingMonth: this month until its submission deadline, then the next month).
import { toleranceBounds } from "@/lib/orders/tolerance";

/** Every demo supplier's Delivery Locations (1-2 each), in the order they are created. */
export const DEMO_DELIVERY_LOCATIONS = [
  {
    party: "Brightwater Energy",
    name: "Coventry Installer Depot",
    addressLine: "Unit 4, Siskin Parkway East, Middlemarch Business Park",
    town: "Coventry",
    postcode: "CV3 4PE",
    operatingHours: "Mon-Fri 07:30-16:00",
    contactName: "Priya Raman",
    contactEmail: "coventry.stores@brightwater.demo",
    contactPhone: "024 7655 0142",
  },
  {
    party: "Brightwater Energy",
    name: "Leeds Field Stores",
    addressLine: "Unit 12, Cross Green Approach, Cross Green Industrial Estate",
    town: "Leeds",
    postcode: "LS9 0SG",
    operatingHours: "Mon-Fri 08:00-16:30",
    contactName: "Callum Whitaker",
    contactEmail: "leeds.stores@brightwater.demo",
    contactPhone: "0113 496 0318",
  },
  {
    party: "Harbour Energy Supply",
    name: "Avonmouth Distribution Centre",
    addressLine: "Unit 3, Kings Weston Lane, Avonmouth",
    town: "Bristol",
    postcode: "BS11 8AZ",
    operatingHours: "Mon-Fri 08:00-17:00",
    contactName: "Megan Pryce",
    contactEmail: "avonmouth.goodsin@harbour.demo",
    contactPhone: "0117 496 0725",
  },
  {
    party: "Harbour Energy Supply",
    name: "Reading Metering Stores",
    addressLine: "Unit 7, Suttons Business Park, London Road",
    town: "Reading",
    postcode: "RG6 1AZ",
    operatingHours: "Mon-Fri 08:30-16:00",
    contactName: "Tom Okafor",
    contactEmail: "reading.goodsin@harbour.demo",
    contactPhone: "0118 496 0583",
  },
  {
    party: "Meridian Home Energy",
    name: "Warrington Warehouse",
    addressLine: "Unit 9, Gateway Park, Birchwood Way",
    town: "Warrington",
    postcode: "WA3 6FZ",
    operatingHours: "Mon-Fri 07:00-15:30",
    contactName: "Hannah Doyle",
    contactEmail: "warrington.warehouse@meridian.demo",
    contactPhone: "01925 496 217",
  },
  {
    party: "Meridian Home Energy",
    name: "Nottingham Depot",
    addressLine: "Unit 2, Lenton Lane Industrial Estate",
    town: "Nottingham",
    postcode: "NG7 2PW",
    operatingHours: "Mon-Fri 08:00-16:00",
    contactName: "Daniel Mensah",
    contactEmail: "nottingham.depot@meridian.demo",
    contactPhone: "0115 496 0904",
  },
  {
    party: "Northgate Power",
    name: "Team Valley Depot",
    addressLine: "Unit 6, Earlsway, Team Valley Trading Estate",
    town: "Gateshead",
    postcode: "NE11 0RQ",
    operatingHours: "Mon-Fri 08:00-16:00",
    contactName: "Fiona Robson",
    contactEmail: "stores@northgate.demo",
    contactPhone: "0191 496 0466",
  },
  {
    party: "Oakfield Electricity",
    name: "Nursling Stores",
    addressLine: "Unit 5, Brunel Road, Nursling Industrial Estate",
    town: "Southampton",
    postcode: "SO16 0YB",
    operatingHours: "Mon-Fri 07:30-15:30",
    contactName: "Gareth Lloyd",
    contactEmail: "stores@oakfield.demo",
    contactPhone: "023 8049 6031",
  },
  {
    party: "Fenland Gas",
    name: "Peterborough Depot",
    addressLine: "Unit 11, Fengate Business Park, Edgerley Drove",
    town: "Peterborough",
    postcode: "PE1 5YS",
    operatingHours: "Mon-Fri 08:00-16:00",
    contactName: "Joanne Cartwright",
    contactEmail: "depot@fenland.demo",
    contactPhone: "01733 496 810",
  },
] as const;

/** Brightwater's Central forecast figures for the next order's Delivery Month (the ordering month + 5), per HAN Variant. */
const CENTRAL_F10 = { SINGLE_BAND: 1200, DUAL_BAND: 400 } as const;
const CENTRAL_F7 = { SINGLE_BAND: 1250, DUAL_BAND: 380 } as const;

/**
 * Always seeded (unless `orders: false`), relative to the clock at seed time. Brightwater Energy and Northgate Power
 * order as orders@brightwater.demo and orders@northgate.demo; the DCC decides as admin@dcc.demo. The refs are fixed:
 * the demo orders take numbers 1-9, the generated ones (and the DCC's deemed orders) follow in order of submission.
 */
export const DEMO_ORDERS = {
  /** Brightwater Energy's Delivery Locations, by name. */
  brightwaterLocations: ["Coventry Installer Depot", "Leeds Field Stores"],
  /**
   * SUBMITTED, compliant, awaiting the DCC's answer (ACCEPTED, NON_COMPLIANT is not open to it, ACCEPTED_IN_PART or
   * REJECTED): submitted at 10:30 on the last Working Day before the seed day that was inside its month's deadline
   * (normally yesterday's Working Day, so this month), delivered at the Coventry Installer Depot.
   */
  brightwaterSubmitted: { ref: "ORD0000001", party: "Brightwater Energy", region: "SOUTH", status: "SUBMITTED", compliant: true },
  /**
   * NON_COMPLIANT, awaiting the DCC's decision: dual band CHs well over the tolerance maximum; submitted 2 Working Days
   * before brightwaterSubmitted, marked not compliant 1 Working Day later.
   */
  brightwaterNonCompliant: { ref: "ORD0000002", party: "Brightwater Energy", region: "NORTH", status: "NON_COMPLIANT", compliant: false },
  /** ACCEPTED, compliant, submitted last month: delivered in this month + 4, so more than 48 h ahead (cancellable). */
  brightwaterCancellable: { ref: "ORD0000003", party: "Brightwater Energy", region: "CENTRAL", status: "ACCEPTED", compliant: true },
  /** REJECTED (three months ago), not compliant: single band CHs far over the tolerance, with the DCC's reason. */
  brightwaterRejected: { ref: "ORD0000004", party: "Brightwater Energy", region: "SOUTH", status: "REJECTED", compliant: false },
  /** Northgate Power's only order (isolation tests): ACCEPTED, compliant, two months ago. */
  northgate: { ref: "ORD0000005", party: "Northgate Power", region: "NORTH", status: "ACCEPTED", compliant: true },
  /**
   * The order a Brightwater user can place today: this month (an order stays in its calendar month; after the
   * month's deadline it is late, so stored not compliant for the DCC to decide) has no Brightwater Central order, and
   * the forecasts for 5 and 2 months before it (10 and 7 months before the Delivery Month, this month + 5; both
   * submitted before their deadlines) hold these Central figures for it. An order on time is compliant when, per HAN
   * Variant, the CHs ordered (CH-C-SB + CH-C-MESH count as single band, CH-C-DB as dual band; whole cartons of 10) lie within `compliant` (e.g. 1 200 CH-C-SB and 400 CH-C-DB). Preferred
   * dates: any Working Day of the Delivery Month from the 20th on is clear of Brightwater's other deliveries there
   * (one delivery a week per location).
   */
  brightwaterCentralToday: {
    party: "Brightwater Energy",
    region: "CENTRAL",
    deliveryMonthOffset: 5,
    f10: CENTRAL_F10,
    f7: CENTRAL_F7,
    compliant: {
      SINGLE_BAND: toleranceBounds(CENTRAL_F10.SINGLE_BAND, CENTRAL_F7.SINGLE_BAND),
      DUAL_BAND: toleranceBounds(CENTRAL_F10.DUAL_BAND, CENTRAL_F7.DUAL_BAND),
    },
    firstClearDay: 20,
  },
  /** Meridian Home Energy missed the forecast 4 months ago: the forecast for that month is deemed (no submitter). */
  deemedForecast: { party: "Meridian Home Energy", monthsAgo: 4 },
  /**
   * A deemed order (F5.13(c)) awaiting its details: ACCEPTED, deemed, no contacts and no details yet, made by the DCC
   * (automatic) at 07:05 on the Working Day before the seed day for the month whose deadline had passed last then, at the
   * compliant minimum per HAN Variant (CH-S-SB / CH-S-DB) at Harbour's last-used Delivery Location, preferred mid-month.
   * detailsDueAt (2 Working Days later) and confirmDueAt (30 days later) are both in the future: orders@harbour.demo
   * can confirm it (lib/orders/deemed-orders confirmDeemedOrder). No consignment.
   */
  harbourDeemed: { ref: "ORD0000006", party: "Harbour Energy Supply", region: "SOUTH", status: "ACCEPTED", compliant: true, deemed: true },
  /**
   * ACCEPTED, compliant, submitted two months ago (5th Working Day), delivered to Leeds Field Stores in this month + 3,
   * with no consignment yet: the DCC (admin@dcc.demo) can raise one (lib/orders/consignments raiseConsignment) on any
   * Working Day of its Delivery Month after today. Brightwater can also cancel it (more than 48 hours ahead).
   */
  brightwaterSchedulable: { ref: "ORD0000007", party: "Brightwater Energy", region: "NORTH", status: "ACCEPTED", compliant: true, location: "Leeds Field Stores" },
  /** ACCEPTED, to Leeds Field Stores: its one consignment is DEMO_CONSIGNMENTS.brightwaterDelivered (delivered, unconfirmed). */
  brightwaterDelivered: { ref: "ORD0000008", party: "Brightwater Energy", region: "NORTH", status: "ACCEPTED", compliant: true, location: "Leeds Field Stores" },
  /** ACCEPTED, delivered last month to the Coventry Installer Depot: its consignment is DEMO_CONSIGNMENTS.brightwaterRejected. */
  brightwaterDamaged: { ref: "ORD0000009", party: "Brightwater Energy", region: "CENTRAL", status: "ACCEPTED", compliant: true, location: "Coventry Installer Depot" },
} as const;

/**
 * Fixed consignments (lib/orders/consignments), numbers 1-3; the generated ones follow in order of creation. They show
 * on their order's page and in the consignment lists.
 */
export const DEMO_CONSIGNMENTS = {
  /**
   * DELIVERED on the Working Day before the seed day (08:00-12:00) to Leeds Field Stores, awaiting Brightwater's answer:
   * confirmDueAt is the end of the 5th Working Day after, in the future. deliveries@ or orders@brightwater.demo can
   * confirm it compliant or report it non-compliant (confirmDelivery); nobody answering, the job deems it compliant.
   */
  brightwaterDelivered: { ref: "CON0000001", order: "ORD0000008", party: "Brightwater Energy", status: "DELIVERED", location: "Leeds Field Stores", window: "08:00-12:00" },
  /**
   * REJECTED as damaged (F6.9(c)) the Working Day after its delivery last month: `affectedUnits` units of its largest CH
   * line await collection, and on the Working Day before the seed day the DCC offered replacement dates on the 3rd, 5th
   * and 8th Working Days after the seed day (12:00-16:00). Brightwater can pick one (pickReplacementDate), creating the
   * replacement consignment; the DCC can record the collection (recordCollection) making it COLLECTED.
   */
  brightwaterRejected: {
    ref: "CON0000002",
    order: "ORD0000009",
    party: "Brightwater Energy",
    status: "REJECTED",
    ground: "DAMAGED",
    location: "Coventry Installer Depot",
    window: "12:00-16:00",
    affectedUnits: 20,
    offeredWorkingDays: [3, 5, 8],
  },
  /** Northgate Power's (isolation tests): SCHEDULED for ORD0000005's preferred date, raised 3 Working Days after acceptance. */
  northgateScheduled: { ref: "CON0000003", order: "ORD0000005", party: "Northgate Power", status: "SCHEDULED", location: "Team Valley Depot", window: "09:00-17:00" },
} as const;
