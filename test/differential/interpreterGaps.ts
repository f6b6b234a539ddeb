/**
 * Cases where the playground's interpreters knowingly differ from the real ones, with the reason.
 * The suites fail if a listed case starts passing (so the lists stay honest) or an unlisted one fails.
 */
export const PYTHON_GAPS: Readonly<Record<string, string>> = {
  'json-not-serializable': "CPython's traceback goes on through json/__init__.py and json/encoder.py (Python source in the image); " +
    'the playground implements json natively and shows only the caller\'s frames',
  'tb-json-decode': "as json-not-serializable: the real traceback adds json/decoder.py's frames (and their source lines)",
};

export const NODE_GAPS: Readonly<Record<string, string>> = {
  'uncaught-fs-missing': "Node's header shows the throw site inside its own lib/fs.js (a line of Node's source that changes between releases); " +
    "the playground shows the script's line that called fs.readFileSync",
};
