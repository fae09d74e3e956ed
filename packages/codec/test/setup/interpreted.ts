// Setup file of the `codec-interpreted` test project: codecs run without code generation.
import { configure } from '@stride/codec';

configure({ compile: false });
