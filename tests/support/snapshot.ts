/** Small valid snapshots for tests, signed for real. */
import { signEnvelope } from '../../lib/registry/dsse';
import { generateKeyPair, importSigner, type PrivateKeyFile, type Signer, type TrustedKey } from '../../lib/registry/keys';
import { SNAPSHOT_PAYLOAD_TYPE, SNAPSHOT_SCHEMA_ID, Snapshot, type SnapshotInput } from '../../lib/registry/schema';

export function makeSnapshot(overrides: Partial<SnapshotInput> = {}): SnapshotInput {
  return {
    schema: SNAPSHOT_SCHEMA_ID,
    registry: {
      id: 'test-registry',
      name: { zh: '测试登记库', en: 'Test registry' },
      operator: 'Test Certification Body',
      homepage: 'https://registry.example/',
    },
    version: 1,
    issuedAt: '2026-11-01T00:00:00Z',
    expiresAt: '2027-11-01T00:00:00Z',
    gradeScale: [{ id: 'g1', label: { zh: '一级', en: 'Grade 1' }, colour: '#067647' }],
    companies: [
      {
        id: 'c1',
        name: 'Honest Shop Co.',
        aliases: ['诚信小店'],
        certificates: [
          {
            number: 'CERT-1',
            scheme: 'SITI 1001-2021',
            issuer: 'Test Cert',
            grade: 'g1',
            issuedOn: '2026-01-01',
            expiresOn: '2028-12-31',
            audits: ['2026-06-01'],
            status: 'valid',
          },
        ],
        accounts: [{ platform: 'demo', accountId: 'shop-1', role: 'shop' }],
      },
    ],
    anchors: [
      {
        id: 'a1',
        name: 'Virtual Host',
        companyId: 'c1',
        accounts: [{ platform: 'demo', accountId: 'anchor-v', role: 'anchor', virtual: true }],
      },
    ],
    blacklist: [
      {
        id: 'b1',
        kind: 'anchor',
        names: ['Banned Bob'],
        aliases: ['Bob Deals'],
        accounts: [{ platform: 'demo', accountId: 'anchor-banned' }],
        reasons: [{ zh: '售假', en: 'counterfeits' }],
        listedOn: '2026-05-01',
        authority: 'Test Association',
      },
    ],
    ...overrides,
  };
}

export interface TestSigner {
  trusted: TrustedKey[];
  signer: Signer;
  privateKey: PrivateKeyFile;
  sign(snapshot: SnapshotInput | unknown): Promise<string>;
  /** Any document (a delta, a key set…) under its own DSSE payload type. */
  signAs(payloadType: string, document: unknown): Promise<string>;
}

/** A fresh key; `sign` returns compact envelope JSON as the publisher writes it. */
export async function testSigner(name = 'test'): Promise<TestSigner> {
  const { privateKey, publicKey } = await generateKeyPair(name);
  const signer = await importSigner(privateKey);
  const signAs = async (payloadType: string, document: unknown) =>
    JSON.stringify(await signEnvelope(payloadType, new TextEncoder().encode(JSON.stringify(document)), [signer]));
  return {
    trusted: [publicKey],
    signer,
    privateKey,
    sign: (snapshot) => signAs(SNAPSHOT_PAYLOAD_TYPE, snapshot),
    signAs,
  };
}

/** One envelope signed by several test keys, in the order given. */
export async function signByAll(payloadType: string, document: unknown, signers: readonly TestSigner[]): Promise<string> {
  const body = new TextEncoder().encode(JSON.stringify(document));
  return JSON.stringify(await signEnvelope(payloadType, body, signers.map((s) => s.signer)));
}

export const parseSnapshot = (input: SnapshotInput) => Snapshot.parse(input);

/** The demo snapshot with `count` more companies, `<prefix><i>`, each with its own account `acct-<i>`: enough to fill many shards and records. */
export function manyCompanies(prefix: string, count = 3000, overrides: Partial<SnapshotInput> = {}): Snapshot {
  const base = parseSnapshot(makeSnapshot(overrides));
  const company = base.companies[0]!;
  const companies = Array.from({ length: count }, (_, i) => ({
    ...structuredClone(company),
    id: `${prefix}${i}`,
    name: `Company ${prefix}${i}`,
    aliases: [],
    accounts: [{ platform: 'demo', accountId: `acct-${i}`, role: 'shop' as const, virtual: false }],
  }));
  return { ...base, companies: [...base.companies, ...companies] };
}
