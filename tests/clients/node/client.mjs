// An Oversight client in Node, from the repository's contracts alone (README, "Clients in other languages").
// Environment: OVERSIGHT_DIRECTORY_HTTP (the region directory's HTTP address, for POST /connect/token),
// OVERSIGHT_COMPLAINTS_GRPC (host:port of the complaints service's gRPC endpoint), OVERSIGHT_CLIENT_ID and
// OVERSIGHT_CLIENT_SECRET (an intake officer's client), OVERSIGHT_REGION (a region in its scope, e.g. 52.71).
// Prints one JSON line with what it submitted and read back; exits 1 on any failure.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const contracts = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'contracts');
const protos = join(contracts, 'Protos');
const env = (name) => process.env[name] ?? fail(`${name} is not set`);

function fail(message) {
  console.error(message);
  process.exit(1);
}

// Every contract, with the vendored google/api annotations on the include path.
const files = readdirSync(protos).filter((file) => file.endsWith('.proto'));
const definition = protoLoader.loadSync(files, {
  includeDirs: [protos, join(contracts, 'third_party')],
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
});
const loaded = grpc.loadPackageDefinition(definition);
const services = Object.keys(definition).filter((name) => definition[name].format === undefined);

// Dates relative to today, in WIB (+07:00), so the filing window always holds.
function wib(daysAgo) {
  const instant = new Date(Date.now() - daysAgo * 86_400_000 + 7 * 3_600_000);
  return instant.toISOString().slice(0, 19) + '+07:00';
}

const tokenResponse = await fetch(new URL('/connect/token', env('OVERSIGHT_DIRECTORY_HTTP')), {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: env('OVERSIGHT_CLIENT_ID'),
    client_secret: env('OVERSIGHT_CLIENT_SECRET'),
  }),
});
if (!tokenResponse.ok) fail(`token request failed: ${tokenResponse.status} ${await tokenResponse.text()}`);
const { access_token: token } = await tokenResponse.json();

const metadata = new grpc.Metadata();
metadata.set('authorization', `Bearer ${token}`);
const complaints = new loaded.oversight.complaints.v1.Complaints(env('OVERSIGHT_COMPLAINTS_GRPC'), grpc.credentials.createInsecure());
const call = (method, request) =>
  new Promise((resolve, reject) =>
    complaints[method](request, metadata, { deadline: Date.now() + 30_000 }, (error, reply) => (error ? reject(error) : resolve(reply))));

const region = env('OVERSIGHT_REGION');
try {
  const submitted = await call('SubmitComplaint', {
    kind: 'laporan',
    regionCode: region,
    reporter: { category: 'voter', name: 'Ni Made Ayu Lestari', nik: '5271014501900002', address: 'Jl. Udayana No. 5', agreedToNotifications: false },
    reported: { name: 'Agus Salim', nip: '198501012010011001', position: 'Lurah', agency: 'Kelurahan Dasan Agung', regionCode: region },
    violationType: 6,
    occurredAt: wib(2),
    place: 'Akun Instagram pribadi terlapor',
    becameKnownAt: wib(1),
    description: 'Terlapor membagikan ulang unggahan tim kampanye salah satu pasangan calon.',
    evidence: [{ url: 'https://example.org/bukti/unggahan.png', description: 'Tangkapan layar unggahan' }],
    signatureAttested: true,
  });
  const read = await call('GetComplaint', { complaintId: submitted.complaintId });
  if (read.complaintId !== submitted.complaintId || read.registrationNumber !== submitted.registrationNumber) {
    fail(`read back ${JSON.stringify(read)} for ${JSON.stringify(submitted)}`);
  }
  console.log(JSON.stringify({
    services: services.length,
    complaintId: read.complaintId,
    status: read.status,
    registrationNumber: read.registrationNumber,
    regionCode: read.regionCode,
  }));
} catch (error) {
  fail(`gRPC call failed: ${error.code} ${error.details}`);
}
