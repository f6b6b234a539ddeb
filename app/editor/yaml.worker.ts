// monaco-yaml's language service, in its own worker chunk.
import 'monaco-yaml/yaml.worker.js';
