// The SSRF guard's address classifier and host vetting of the built-in web connector (fetch_url).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blockedReason, isIpLiteral, isMetadataAddress, normalizeHost } from '../../src/core/builtins/web/addressPolicy';
import { checkUrlShape, FetchRefusedError, isAllowedHost, vetHost } from '../../src/core/builtins/web/hostGuard';
import type { LookupFn } from '../../src/core/builtins/web/webConfig';

describe('web address classifier', () => {
  const blocked: Array<[string, RegExp]> = [
    ['127.0.0.1', /loopback/],
    ['127.255.0.9', /loopback/],
    ['::1', /loopback/],
    ['10.0.0.5', /private/],
    ['172.16.3.4', /private/],
    ['192.168.1.1', /private/],
    ['169.254.169.254', /metadata/],
    ['169.254.10.1', /link-local/],
    ['fe80::1', /link-local/],
    ['fd00:ec2::254', /metadata/],
    ['fd12:3456::1', /unique local/],
    ['::ffff:127.0.0.1', /loopback.*embedded/],
    ['::ffff:10.1.2.3', /private.*embedded/],
    ['64:ff9b::a00:5', /private.*embedded/],
    ['2002:7f00:1::', /loopback.*embedded/],
    ['64:ff9b:1::1', /NAT64/],
    ['100.64.1.1', /CGNAT/],
    ['0.0.0.0', /unspecified/],
    ['::', /unspecified/],
    ['255.255.255.255', /broadcast/],
    ['224.0.0.251', /multicast/],
    ['ff02::1', /multicast/],
    ['192.0.2.10', /reserved/],
    ['240.0.0.1', /reserved/],
    ['2001:db8::1', /reserved/],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', /Teredo|reserved/],
    ['not-an-ip', /not an IP/],
  ];
  for (const [address, reason] of blocked) {
    it(`refuses ${address}`, () => {
      const why = blockedReason(address);
      assert.ok(why, `${address} should be refused`);
      assert.match(why, reason);
    });
  }

  for (const address of [
    '93.184.215.14',
    '8.8.8.8',
    '2606:4700::1',
    '2a00:1450:4001:82b::200e',
    '::ffff:93.184.215.14',
    '64:ff9b::5db8:d70e',
    '100.128.0.1',
    '172.32.0.1',
  ]) {
    it(`allows the public address ${address}`, () => {
      assert.equal(blockedReason(address), undefined);
    });
  }

  it('recognises the metadata addresses in any spelling', () => {
    assert.equal(isMetadataAddress('169.254.169.254'), true);
    assert.equal(isMetadataAddress('fd00:ec2:0:0:0:0:0:254'), true);
    assert.equal(isMetadataAddress('[fd00:ec2::254]'), true);
    assert.equal(isMetadataAddress('169.254.169.253'), false);
  });

  it('normalises hosts: case, brackets, trailing dot, IPv6 spelling', () => {
    assert.equal(normalizeHost('Docs.Example.COM.'), 'docs.example.com');
    assert.equal(normalizeHost('[::1]'), '::1');
    assert.equal(normalizeHost('0:0:0:0:0:0:0:1'), '::1');
    assert.equal(isIpLiteral('[2606:4700::1]'), true);
    assert.equal(isIpLiteral('example.com'), false);
    assert.equal(isAllowedHost('[0::1]', ['::1']), true);
    assert.equal(isAllowedHost('DOCS.intranet.', ['docs.intranet']), true);
    assert.equal(isAllowedHost('evil-docs.intranet', ['docs.intranet']), false);
  });
});

describe('web host vetting', () => {
  const dns = (table: Record<string, string[]>): LookupFn & { calls: string[] } => {
    const calls: string[] = [];
    const fn = async (host: string) => {
      calls.push(host);
      return (table[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    return Object.assign(fn, { calls });
  };

  it('refuses a name when any of its addresses is private, and names that address', async () => {
    const lookup = dns({ 'mixed.example': ['93.184.215.14', '10.0.0.5'] });
    await assert.rejects(
      vetHost(new URL('http://mixed.example/'), [], lookup),
      (err: Error) => err instanceof FetchRefusedError && /resolves to 10\.0\.0\.5/.test(err.message),
    );
  });

  it('returns the vetted address to connect to, with its family', async () => {
    const lookup = dns({ 'public.example': ['2606:4700::1', '93.184.215.14'] });
    assert.deepEqual(await vetHost(new URL('https://public.example/x'), [], lookup), { address: '2606:4700::1', family: 6 });
  });

  it('checks IP literals without a lookup', async () => {
    const lookup = dns({});
    await assert.rejects(vetHost(new URL('http://[::1]:8080/'), [], lookup), /::1 is a loopback address/);
    assert.deepEqual(await vetHost(new URL('http://93.184.215.14/'), [], lookup), { address: '93.184.215.14', family: 4 });
    assert.deepEqual(lookup.calls, []);
  });

  it('lets allowHosts through by exact name or IP, but never to the metadata service', async () => {
    const lookup = dns({ 'docs.intranet': ['10.1.2.3'], 'meta.intranet': ['169.254.169.254'] });
    assert.deepEqual(await vetHost(new URL('http://docs.intranet/'), ['docs.intranet'], lookup), { address: '10.1.2.3', family: 4 });
    assert.deepEqual(await vetHost(new URL('http://127.0.0.1:3000/'), ['127.0.0.1'], lookup), { address: '127.0.0.1', family: 4 });
    await assert.rejects(vetHost(new URL('http://meta.intranet/'), ['meta.intranet'], lookup), /cloud metadata/);
    await assert.rejects(vetHost(new URL('http://[fd00:ec2::254]/'), ['fd00:ec2::254'], lookup), /cloud metadata/);
  });

  it('reports a name that does not resolve as such, not as a refusal', async () => {
    await assert.rejects(
      vetHost(new URL('http://nowhere.example/'), [], dns({})),
      (err: Error) => !(err instanceof FetchRefusedError) && /Could not resolve nowhere\.example/.test(err.message),
    );
  });

  it('refuses other schemes and embedded credentials before resolving anything', () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/', 'gopher://example.com/', 'data:text/html,hi', 'javascript:alert(1)']) {
      assert.throws(() => checkUrlShape(new URL(url)), /only reads http and https/, url);
    }
    assert.throws(() => checkUrlShape(new URL('https://user:pw@example.com/')), /credentials/);
    assert.doesNotThrow(() => checkUrlShape(new URL('https://example.com/')));
  });
});
