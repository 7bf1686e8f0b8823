'use strict';
// The demo image's entry point. It is never run; it only makes the app layer look like an app.
const argv = require('minimist')(process.argv.slice(2));
const log = require('debug')('example-app');
const _ = require('lodash');

log('starting with %o', argv);
console.log(_.template('Hello, <%= name %>!')({ name: argv.name || 'world' }));
