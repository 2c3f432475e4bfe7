// Import resolver for eslint-plugin-import-x that understands WXT's path aliases
// ('@/x', '~/x', '@@/x', '~~/x' all mean the project root, see .wxt/tsconfig.json)
// and then hands over to the plugin's node resolver. Without it, the lint zones in
// eslint.config.js could be walked around by writing '@/lib/gmail' instead of '../gmail'.
'use strict';

const path = require('node:path');
const { createNodeResolver } = require('eslint-plugin-import-x');

const ROOT = path.resolve(__dirname, '..');
const ALIASES = ['@@/', '~~/', '@/', '~/'];

const node = createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json'] });

module.exports = {
  interfaceVersion: 3,
  name: 'wxt-alias',
  resolve(source, file) {
    const alias = ALIASES.find((a) => source.startsWith(a));
    return node.resolve(alias ? path.join(ROOT, source.slice(alias.length)) : source, file);
  },
};
