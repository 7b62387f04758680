// What a stdio server may read of the person's environment: the minimal default, the connector's
// `env`, and its explicit `inheritEnv` ("all" or names). Pure, so every platform is checked here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { childEnvironment, defaultInheritedNames } from '../../src/core/mcp/childEnvironment';
import { connectorConfigSchema } from '../../src/core/connectors/schema';
import { connectorsFileJsonSchema } from '../../src/core/connectors/jsonSchema';

const SECRETS = {
  MISTRAL_API_KEY: 'mistral-canary',
  GITHUB_TOKEN: 'ghp_canary',
  CONNECTOR_AUDITOR_SECRET_X: 'x-canary',
  AWS_ACCESS_KEY_ID: 'AKIACANARY',
  AWS_SECRET_ACCESS_KEY: 'aws-canary',
  OPENAI_API_KEY: 'sk-canary',
  NODE_OPTIONS: '--require /tmp/evil.js',
};

const linuxParent = {
  HOME: '/home/ada',
  PATH: '/usr/bin:/bin',
  USER: 'ada',
  LOGNAME: 'ada',
  SHELL: '/bin/bash',
  TERM: 'xterm-256color',
  LANG: 'en_GB.UTF-8',
  LC_ALL: 'en_GB.UTF-8',
  LC_CTYPE: 'UTF-8',
  TZ: 'Europe/Paris',
  TMPDIR: '/tmp/ada',
  HTTPS_PROXY: 'http://proxy:3128',
  https_proxy: 'http://proxy:3128',
  NO_PROXY: 'localhost',
  NODE_EXTRA_CA_CERTS: '/etc/corp-ca.pem',
  SSL_CERT_FILE: '/etc/ssl/cert.pem',
  SSL_CERT_DIR: '/etc/ssl/certs',
  REQUESTS_CA_BUNDLE: '/etc/corp-ca.pem',
  XDG_CACHE_HOME: '/home/ada/.cache',
  UNSET: undefined,
  ...SECRETS,
};

describe('childEnvironment: the default is minimal', () => {
  it('on linux passes the SDK list plus locale, time zone, temp, proxy and CA variables, and no secret', () => {
    const { env, inherited } = childEnvironment('linux', linuxParent, undefined, undefined);
    for (const name of Object.keys(SECRETS)) assert.equal(env[name], undefined, `${name} is not passed`);
    for (const name of [
      'HOME',
      'PATH',
      'USER',
      'LOGNAME',
      'SHELL',
      'TERM',
      'LANG',
      'LC_ALL',
      'LC_CTYPE',
      'TZ',
      'TMPDIR',
      'HTTPS_PROXY',
      'https_proxy',
      'NO_PROXY',
      'NODE_EXTRA_CA_CERTS',
      'SSL_CERT_FILE',
      'SSL_CERT_DIR',
      'REQUESTS_CA_BUNDLE',
      'XDG_CACHE_HOME',
    ]) {
      assert.equal(env[name], (linuxParent as Record<string, string | undefined>)[name], name);
    }
    assert.deepEqual(inherited, Object.keys(env).sort());
    assert.ok(!('UNSET' in env));
  });

  it('darwin follows the same POSIX rule, case-sensitively (path is not PATH)', () => {
    const { env } = childEnvironment('darwin', { PATH: '/usr/bin', path: '/evil', Home: '/x', GITHUB_TOKEN: 't' }, undefined, undefined);
    assert.deepEqual(env, { PATH: '/usr/bin' });
  });

  it('skips values that look like exported shell functions, as the SDK does', () => {
    const { env } = childEnvironment('linux', { PATH: '/bin', TERM: '() { :; }; echo pwned' }, undefined, undefined);
    assert.deepEqual(env, { PATH: '/bin' });
  });

  it('on win32 passes the SDK Windows list case-insensitively, keeping the parent spelling (Path)', () => {
    const parent = {
      Path: 'C:\\Windows\\system32;C:\\Program Files\\nodejs',
      PATHEXT: '.COM;.EXE;.BAT;.CMD',
      SystemRoot: 'C:\\Windows',
      ComSpec: 'C:\\Windows\\system32\\cmd.exe',
      USERPROFILE: 'C:\\Users\\ada',
      APPDATA: 'C:\\Users\\ada\\AppData\\Roaming',
      LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local',
      TEMP: 'C:\\Users\\ada\\AppData\\Local\\Temp',
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
      USERNAME: 'ada',
      ...SECRETS,
    };
    const { env, inherited } = childEnvironment('win32', parent, undefined, undefined);
    for (const name of Object.keys(SECRETS)) assert.equal(env[name], undefined, `${name} is not passed`);
    assert.equal(env.Path, parent.Path);
    assert.equal(env.PATH, undefined, 'not duplicated under another spelling');
    for (const name of [
      'PATHEXT',
      'SystemRoot',
      'ComSpec',
      'USERPROFILE',
      'APPDATA',
      'LOCALAPPDATA',
      'TEMP',
      'ProgramFiles',
      'ProgramFiles(x86)',
      'USERNAME',
    ]) {
      assert.ok(name in env, name);
    }
    assert.ok(inherited.includes('Path'));
  });

  it('the default lists contain the MCP SDK lists', () => {
    for (const n of ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER']) assert.ok(defaultInheritedNames('linux').includes(n), n);
    for (const n of [
      'APPDATA',
      'HOMEDRIVE',
      'HOMEPATH',
      'LOCALAPPDATA',
      'PATH',
      'PROCESSOR_ARCHITECTURE',
      'SYSTEMDRIVE',
      'SYSTEMROOT',
      'TEMP',
      'USERNAME',
      'USERPROFILE',
      'PROGRAMFILES',
    ]) {
      assert.ok(defaultInheritedNames('win32').includes(n), n);
    }
  });
});

describe('childEnvironment: the connector env and inheritEnv', () => {
  it('the connector env is added and wins over an inherited value; its keys are not "inherited"', () => {
    const { env, inherited } = childEnvironment('linux', linuxParent, { PATH: '/opt/bin', API_TOKEN: 'resolved' }, undefined);
    assert.equal(env.PATH, '/opt/bin');
    assert.equal(env.API_TOKEN, 'resolved');
    assert.ok(!inherited.includes('PATH'));
    assert.ok(!inherited.includes('API_TOKEN'));
  });

  it('on win32 a connector PATH replaces the inherited Path (one entry, not two)', () => {
    const { env, inherited } = childEnvironment('win32', { Path: 'C:\\a', SystemRoot: 'C:\\Windows' }, { PATH: 'C:\\b' }, undefined);
    assert.deepEqual(env, { SystemRoot: 'C:\\Windows', PATH: 'C:\\b' });
    assert.deepEqual(inherited, ['SystemRoot']);
  });

  it('a list passes exactly the named variables, also ones that look like functions', () => {
    const { env, inherited } = childEnvironment('linux', { ...linuxParent, FN: '() { x; }' }, undefined, ['GITHUB_TOKEN', 'FN', 'NOT_SET']);
    assert.equal(env.GITHUB_TOKEN, 'ghp_canary');
    assert.equal(env.FN, '() { x; }');
    assert.equal(env.MISTRAL_API_KEY, undefined);
    assert.ok(!('NOT_SET' in env));
    assert.ok(inherited.includes('GITHUB_TOKEN'));
  });

  it('on win32 list names match case-insensitively; on linux they do not', () => {
    assert.equal(childEnvironment('win32', { GitHub_Token: 'x' }, undefined, ['GITHUB_TOKEN']).env.GitHub_Token, 'x');
    assert.equal(childEnvironment('linux', { GitHub_Token: 'x' }, undefined, ['GITHUB_TOKEN']).env.GitHub_Token, undefined);
  });

  it('"all" passes the whole environment (the old behaviour), with the connector env on top', () => {
    const { env, inherited } = childEnvironment('linux', linuxParent, { MODE: 'test' }, 'all');
    for (const [k, v] of Object.entries(SECRETS)) assert.equal(env[k], v);
    assert.equal(env.MODE, 'test');
    assert.ok(inherited.includes('AWS_SECRET_ACCESS_KEY'));
    assert.ok(!inherited.includes('MODE'));
  });
});

describe('inheritEnv in the connector schema', () => {
  const base = { name: 's', command: 'node' };
  it('accepts "all" and a list of names, and refuses other shapes', () => {
    assert.equal(connectorConfigSchema.parse({ ...base, inheritEnv: 'all' }).inheritEnv, 'all');
    assert.deepEqual(connectorConfigSchema.parse({ ...base, inheritEnv: ['GITHUB_TOKEN'] }).inheritEnv, ['GITHUB_TOKEN']);
    assert.equal(connectorConfigSchema.safeParse({ ...base, inheritEnv: true }).success, false);
    assert.equal(connectorConfigSchema.safeParse({ ...base, inheritEnv: 'ALL_OF_IT' }).success, false);
    assert.equal(connectorConfigSchema.safeParse({ ...base, inheritEnv: ['A=b'] }).success, false);
    assert.equal(connectorConfigSchema.safeParse({ ...base, inheritEnv: [''] }).success, false);
  });

  it('is in the JSON Schema editors use for connectors.json', () => {
    const text = JSON.stringify(connectorsFileJsonSchema());
    assert.match(text, /"inheritEnv"/);
    assert.match(text, /"const":"all"|"enum":\["all"\]/);
  });
});
