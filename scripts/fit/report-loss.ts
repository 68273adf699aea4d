import type { FitMethod, FitOutcome } from "./fit.ts";
import { ROBUST_TUNING } from "./robust.ts";

/** docs/calibration.md's paragraph on how rows count in the fit: the loss, its scale, and what it did. */
export function lossParagraph(method: FitMethod, outcome: FitOutcome): string[] {
  const { loss } = method;
  if (loss === undefined)
    return [
      "The fit minimises the squared log ratio of predicted to measured latency plus a weak",
      "log-normal prior per parameter (Levenberg–Marquardt), so coefficients that few rows see",
      "stay near a plausible value instead of absorbing noise.",
    ];
  const tuning = ROBUST_TUNING[loss.kind];
  const threshold = tuning * outcome.scale;
  const weights = [...outcome.weights].filter((weight) => !Number.isNaN(weight));
  const below = (bound: number) => weights.filter((weight) => weight < bound).length;
  const shape =
    loss.kind === "huber"
      ? `a Huber loss: a row within ${tuning} σ of its prediction counts its squared log ratio, one beyond counts it linearly (weight ${tuning} σ / |r|)`
      : `a Cauchy (Lorentzian) loss: a row's weight is 1 / (1 + (r / ${tuning} σ)²), so gross misses count little`;
  const scale =
    loss.scale === "mad"
      ? "σ is 1.4826 × the median absolute deviation of the plain least-squares fit's log residuals (the textbook robust estimate of a normal spread), estimated by each left-out fold from its own rows"
      : `σ is fixed at ${loss.scale}`;
  return [
    "The fit minimises a robust loss of each row's log ratio r = ln(predicted / measured) plus a",
    "weak log-normal prior per parameter, so coefficients that few rows see stay near a plausible",
    `value instead of absorbing noise. The loss is ${shape}; the tuning constant ${tuning} gives 95 %`,
    "efficiency on normal residuals. It is minimised by iteratively reweighted least squares: the",
    "Levenberg–Marquardt fit is repeated with each row's weight from the previous fit's residual",
    "until no weight moves by more than 0.01. Squares let the handful of rows 60–140 % off pull",
    "shared coefficients away from the bulk, while the targets are a median and a share within",
    `±15 %. The scale was chosen before any held-out error was seen: ${scale}.`,
    `Here σ = ${outcome.scale.toFixed(3)}, so rows beyond about ±${(100 * Math.expm1(threshold)).toFixed(0)} % are down-weighted: ${below(1)} of`,
    `the ${weights.length} rows end with a weight below 1, ${below(0.5)} below 0.5.`,
  ];
}
