// The traffic generator's public face: the dashboard, /api/simulator and the job use these.
export { SCENARIOS, SCENARIO_NAMES, type ScenarioName } from "./scenarios";
export { listTrafficRuns, startTraffic, stopTraffic, tickTraffic, type StartTrafficInput } from "./traffic";
