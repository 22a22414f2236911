import { runFixtures } from '../testing/run-fixtures.js';
import { yamlSyntax } from './yaml-syntax.js';

runFixtures(yamlSyntax, import.meta.url);
