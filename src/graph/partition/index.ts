export { type ParallelBranches, parallelBranches } from "./branches.ts";
export { type Partition, partitionByPredicate, partitionIndexOf } from "./by-predicate.ts";
export { operatorChains } from "./chains.ts";
export { type Cut, type CutTensor, cutBetween } from "./cut.ts";
export { type OpSlice, type OpSplit, type SplitAxis, splitOp } from "./split-op.ts";
