// The Kconfig reader and evaluator: read a tree's Kconfig once, evaluate it
// against a .config, and say why an option did not get the value asked for.
export { exprText, parseExpr, type Expr } from './expr.ts';
export { dependencyGates, Evaluator, promptGates, triOf, type Gate, type Tri } from './evaluate.ts';
export {
  enclosingBlocks,
  where,
  type Block,
  type Choice,
  type Condition,
  type Definition,
  type Kconfig,
  type KconfigLine,
  type KconfigSymbol,
  type SymbolType,
} from './model.ts';
export { readKconfig, type ReadKconfigOptions } from './reader.ts';
export { placeText, sameValue, type RequestedValues } from './values.ts';
export { originText, whyNot, type Cause, type CauseKind, type Explanation, type Origin, type Responsible, type WhyNotOptions } from './why-not.ts';
