import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { MathJsInstance } from "mathjs";

export type ThermalMath = Pick<MathJsInstance, "expm" | "matrix" | "lusolve">;

/**
 * Each mathjs factory that expm, matrix and lusolve need, directly or
 * through their dependencies, by the file (under mathjs's lib/cjs) that
 * exports it: mathjs's package exports name no subpath for them. Its main
 * entry builds every function it has, and its own dependency lists
 * (entry/dependenciesAny) load every factory, about 720 modules; these are
 * 118, which took a sweep worker's first run from 0.18–0.23 to 0.10–0.11 s
 * of CPU. test/device/dynamics/thermal-math.test.ts checks the list against
 * mathjs's lists, so an upgrade that changes them fails there.
 */
export const THERMAL_FACTORIES: Readonly<Record<string, string>> = {
  createAbs: "function/arithmetic/abs.js",
  createAdd: "function/arithmetic/add.js",
  createAddScalar: "function/arithmetic/addScalar.js",
  createBigNumberClass: "type/bignumber/BigNumber.js",
  createBignumber: "type/bignumber/function/bignumber.js",
  createComplexClass: "type/complex/Complex.js",
  createConcat: "function/matrix/concat.js",
  createConj: "function/complex/conj.js",
  createDenseMatrixClass: "type/matrix/DenseMatrix.js",
  createDet: "function/matrix/det.js",
  createDivideScalar: "function/arithmetic/divideScalar.js",
  createDot: "function/matrix/dot.js",
  createEqual: "function/relational/equal.js",
  createEqualScalar: "function/relational/equalScalar.js",
  createExpm: "function/matrix/expm.js",
  createFibonacciHeapClass: "type/matrix/FibonacciHeap.js",
  createFraction: "type/fraction/function/fraction.js",
  createFractionClass: "type/fraction/Fraction.js",
  createIdentity: "function/matrix/identity.js",
  createInv: "function/matrix/inv.js",
  createIsInteger: "function/utils/isInteger.js",
  createIsZero: "function/utils/isZero.js",
  createLarger: "function/relational/larger.js",
  createLargerEq: "function/relational/largerEq.js",
  createLsolve: "function/algebra/solver/lsolve.js",
  createLup: "function/algebra/decomposition/lup.js",
  createLusolve: "function/algebra/solver/lusolve.js",
  createMatrix: "type/matrix/function/matrix.js",
  createMatrixClass: "type/matrix/Matrix.js",
  createMultiply: "function/arithmetic/multiply.js",
  createMultiplyScalar: "function/arithmetic/multiplyScalar.js",
  createNumber: "type/number.js",
  createNumeric: "function/utils/numeric.js",
  createSize: "function/matrix/size.js",
  createSlu: "function/algebra/decomposition/slu.js",
  createSmaller: "function/relational/smaller.js",
  createSpaClass: "type/matrix/Spa.js",
  createSparseMatrixClass: "type/matrix/SparseMatrix.js",
  createSubtract: "function/arithmetic/subtract.js",
  createSubtractScalar: "function/arithmetic/subtractScalar.js",
  createTranspose: "function/matrix/transpose.js",
  createTyped: "core/function/typed.js",
  createUnaryMinus: "function/arithmetic/unaryMinus.js",
  createUsolve: "function/algebra/solver/usolve.js",
};

let mathjs: ThermalMath | undefined;

/** mathjs with only expm, matrix and lusolve built, once per process (set-up only; the step never touches it). */
export function thermalMath(): ThermalMath {
  if (mathjs === undefined) {
    const require = createRequire(import.meta.url);
    const root = join(dirname(require.resolve("mathjs/package.json")), "lib/cjs");
    const { create } = require(join(root, "core/create.js")) as typeof import("mathjs");
    const factories = Object.fromEntries(
      Object.entries(THERMAL_FACTORIES).map(([name, file]) => [
        name,
        (require(join(root, file)) as Record<string, unknown>)[name],
      ]),
    );
    mathjs = create(factories as never) as ThermalMath;
  }
  return mathjs;
}
