/**
 * "Did you mean" suggestions as Python/suggestions.c computes them for NameError and AttributeError:
 * a Levenshtein distance where a move costs 2 and a case change 1, accepting at most about a third of
 * the characters changed, the first best candidate winning.
 */

const MOVE_COST = 2;
const CASE_COST = 1;
const MAX_STRING_SIZE = 40;
const MAX_CANDIDATE_ITEMS = 750;

/** dir(builtins) of CPython 3.13, in order: the names a NameError suggestion may come from. */
export const BUILTIN_NAMES = ('ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError ' +
  'BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError ' +
  'DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ExceptionGroup False FileExistsError ' +
  'FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError ' +
  'InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None ' +
  'NotADirectoryError NotImplemented NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ' +
  'ProcessLookupError PythonFinalizationError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning ' +
  'StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError ' +
  'UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError ' +
  'Warning ZeroDivisionError _IncompleteInputError __build_class__ __debug__ __doc__ __import__ __loader__ __name__ __package__ ' +
  '__spec__ abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright ' +
  'credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id ' +
  'input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print property ' +
  'quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip').split(' ');

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  return a.toLowerCase() === b.toLowerCase() ? CASE_COST : MOVE_COST;
}

function distance(a0: string, b0: string, maxCost: number): number {
  if (a0 === b0) return 0;
  let pre = 0;
  while (pre < a0.length && pre < b0.length && a0[pre] === b0[pre]) pre++;
  let a = a0.slice(pre);
  let b = b0.slice(pre);
  let post = 0;
  while (post < a.length && post < b.length && a[a.length - 1 - post] === b[b.length - 1 - post]) post++;
  a = a.slice(0, a.length - post);
  b = b.slice(0, b.length - post);
  if (!a || !b) return MOVE_COST * (a.length + b.length);
  if (a.length > MAX_STRING_SIZE || b.length > MAX_STRING_SIZE) return maxCost + 1;
  if (b.length < a.length) [a, b] = [b, a];
  if ((b.length - a.length) * MOVE_COST > maxCost) return maxCost + 1;
  const row: number[] = [];
  for (let i = 0; i < a.length; i++) row.push((i + 1) * MOVE_COST);
  let result = 0;
  for (let bi = 0; bi < b.length; bi++) {
    let dist = (result = bi * MOVE_COST);
    let minimum = Infinity;
    for (let i = 0; i < a.length; i++) {
      const substitute = dist + substitutionCost(b[bi], a[i]);
      dist = row[i];
      const insertDelete = Math.min(result, dist) + MOVE_COST;
      result = Math.min(insertDelete, substitute);
      row[i] = result;
      if (result < minimum) minimum = result;
    }
    if (minimum > maxCost) return maxCost + 1;
  }
  return result;
}

/** The closest of `candidates` to `name`, or null (suggestions.c calculate_suggestions). */
export function suggest(name: string, candidates: readonly string[]): string | null {
  if (candidates.length >= MAX_CANDIDATE_ITEMS || name.length > MAX_STRING_SIZE) return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const item of candidates) {
    if (item === name) continue;
    const maxDistance = Math.min(Math.floor((name.length + item.length + 3) * MOVE_COST / 6), bestDistance - 1);
    const d = distance(name, item, maxDistance);
    if (d > maxDistance) continue;
    if (best === null || d < bestDistance) { best = item; bestDistance = d; }
  }
  return best;
}
