// Import resolver for eslint-plugin-import that understands WXT's path aliases
// ('@/x', '~/x', '@@/x', '~~/x' all mean the project root, see .wxt/tsconfig.json)
// and then hands over to the ordinary node resolver. Without it, the lint zones in
// eslint.config.js could be walked around by writing '@/lib/gmail' instead of '../gmail'.
'use strict';

const path = require('node:path');
const nodeResolver = require('eslint-import-resolver-node');

const ROOT = path.resolve(__dirname, '..');
const ALIASES = ['@@/', '~~/', '@/', '~/'];

exports.interfaceVersion = 2;

exports.resolve = function resolve(source, file, config) {
  let target = source;
  for (const alias of ALIASES) {
    if (source.startsWith(alias)) {
      target = path.join(ROOT, source.slice(alias.length));
      break;
    }
  }
  return nodeResolver.resolve(target, file, config);
};
