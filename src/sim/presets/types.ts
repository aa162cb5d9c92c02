/** A named scenario: the options that show a figure's anomaly, and the change that fixes it. */
import type { SimInput } from "../options.js";

export interface Preset {
  name: string;
  title: string;
  anomalies: readonly string[];
  correctAllows?: readonly string[];
  options: SimInput;
  correct: SimInput;
}
