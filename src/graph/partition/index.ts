export { type ParallelBranches, parallelBranches } from "./branches.ts";
export { type Partition, partitionByPredicate, partitionIndexOf } from "./by-predicate.ts";
export { operatorChains } from "./chains.ts";
export { type Cut, type CutTensor, cutBetween } from "./cut.ts";
export { inputRows, type OpSlice, type OpSplit, sliceOp, splitOp } from "./split-op.ts";
export { isSplittable, type SplitAxis } from "./splittable.ts";
export { type SliceRange, unitSliceRanges } from "./unit-slices.ts";
