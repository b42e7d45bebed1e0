// A stand-in for grpcurl (github.com/fullstorydev/grpcurl), which Debian 12 does not package, for the calls the
// README shows: `grpcurl -plaintext [-H 'name: value']... [-d JSON|-d @] host:port (list | package.Service/Method)`.
// Requests are JSON with the .proto field names or their camelCase JSON names; replies print as grpcurl prints them
// (camelCase, fields at their default left out, int64 as strings, enums by name). `list` asks the server itself
// (gRPC reflection), the calls use the message types of contracts/. A refused call prints grpcurl's "ERROR:" lines
// and exits, as grpcurl does, with 64 + the gRPC status code. Install with `npm ci --prefix tests/clients/node`.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';

const contracts = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'contracts');
// The contracts, their vendored google/api annotations, and protobufjs's copies of google/protobuf/*.proto.
const here = dirname(fileURLToPath(import.meta.url));
const includeDirs = [join(contracts, 'Protos'), join(contracts, 'third_party'), join(here, 'node_modules', 'protobufjs')];
const statusNames = Object.fromEntries(Object.entries(grpc.status).map(([name, code]) => [code, pascal(name)]));

function usage(message) {
  console.error(`${message}\nusage: grpcurl.mjs -plaintext [-H 'name: value']... [-d JSON|-d @] host:port (list | package.Service/Method)`);
  process.exit(2);
}

function pascal(constant) {
  // DEADLINE_EXCEEDED -> DeadlineExceeded, as grpcurl names codes.
  return constant.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, letter) => letter.toUpperCase());
}

// Arguments, in grpcurl's order: flags, then the address, then the verb or method.
const headers = [];
let data;
let plaintext = false;
const positional = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '-plaintext') plaintext = true;
  else if (arg === '-H') headers.push(args[++i] ?? usage('-H needs a value'));
  else if (arg === '-d') data = args[++i] ?? usage('-d needs a value');
  else if (arg.startsWith('-')) usage(`unsupported flag ${arg}`);
  else positional.push(arg);
}
if (!plaintext) usage('only -plaintext connections are supported');
const [address, target] = positional;
if (!address || !target) usage('an address and a method (or list) are required');

const metadata = new grpc.Metadata();
for (const header of headers) {
  const colon = header.indexOf(':');
  if (colon < 1) usage(`header "${header}" is not "name: value"`);
  metadata.add(header.slice(0, colon).trim().toLowerCase(), header.slice(colon + 1).trim());
}
const client = new grpc.Client(address, grpc.credentials.createInsecure());
const deadline = () => Date.now() + 30_000;

function failed(error) {
  console.error(`ERROR:\n  Code: ${statusNames[error.code] ?? error.code}\n  Message: ${error.details}`);
  process.exit(64 + (error.code ?? 2));
}

if (target === 'list') {
  console.log((await listServices()).sort().join('\n'));
} else {
  await invoke(target);
}
client.close();

// The services the server itself announces, through gRPC server reflection (the stream's list_services request).
async function listServices() {
  const reflection = protobuf.Root.fromJSON({
    nested: {
      Request: { fields: { host: { type: 'string', id: 1 }, listServices: { type: 'string', id: 7 } } },
      Response: { fields: { listServicesResponse: { type: 'ListServiceResponse', id: 6 }, errorResponse: { type: 'ErrorResponse', id: 7 } } },
      ListServiceResponse: { fields: { service: { rule: 'repeated', type: 'ServiceResponse', id: 1 } } },
      ServiceResponse: { fields: { name: { type: 'string', id: 1 } } },
      ErrorResponse: { fields: { errorCode: { type: 'int32', id: 1 }, errorMessage: { type: 'string', id: 2 } } },
    },
  });
  const [request, response] = [reflection.lookupType('Request'), reflection.lookupType('Response')];
  const stream = client.makeBidiStreamRequest('/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo',
    (message) => Buffer.from(request.encode(message).finish()), (bytes) => response.decode(bytes), metadata, { deadline: deadline() });
  const answer = await new Promise((resolve, reject) => {
    stream.on('data', resolve);
    stream.on('error', reject);
    stream.write(request.create({ listServices: '*' }));
    stream.end();
  }).catch(failed);
  if (answer.errorResponse) failed({ code: answer.errorResponse.errorCode, details: answer.errorResponse.errorMessage });
  return answer.listServicesResponse.service.map((service) => service.name);
}

// One call of a unary or server-streaming method, with the request read from -d (or stdin for "-d @").
async function invoke(fullName) {
  const root = loadContracts();
  const [serviceName, methodName] = fullName.split('/');
  const service = root.lookup(serviceName);
  const method = service?.methods?.[methodName];
  if (!method) {
    console.error(`Failed to find method "${fullName}" in contracts/Protos`);
    process.exit(1);
  }
  method.resolve();
  const [requestType, responseType] = [method.resolvedRequestType, method.resolvedResponseType];
  let json;
  try {
    json = JSON.parse(data === '@' ? readFileSync(0, 'utf8') : (data ?? '{}'));
  } catch (error) {
    console.error(`Error invoking method "${fullName}": failed to parse request: ${error.message}`);
    process.exit(1);
  }
  const message = requestType.fromObject(withFieldNames(requestType, json));
  const serialize = (value) => Buffer.from(requestType.encode(value).finish());
  const deserialize = (bytes) => responseType.decode(bytes);
  const print = (reply) => console.log(JSON.stringify(responseType.toObject(reply, { longs: String, enums: String, bytes: String, json: true }), null, 2));
  const path = `/${service.fullName.slice(1)}/${method.name}`;
  if (method.responseStream) {
    const stream = client.makeServerStreamRequest(path, serialize, deserialize, message, metadata, { deadline: deadline() });
    await new Promise((resolve, reject) => {
      stream.on('data', print);
      stream.on('error', reject);
      stream.on('end', resolve);
    }).catch(failed);
  } else {
    const reply = await new Promise((resolve, reject) =>
      client.makeUnaryRequest(path, serialize, deserialize, message, metadata, { deadline: deadline() }, (error, value) => (error ? reject(error) : resolve(value))),
    ).catch(failed);
    print(reply);
  }
}

function loadContracts() {
  const root = new protobuf.Root();
  // An import not found on the include path may be one of protobufjs's built-in definitions (timestamp, wrappers).
  root.resolvePath = (_, target) => includeDirs.map((dir) => join(dir, target)).find(existsSync) ?? target;
  root.loadSync(readdirSync(includeDirs[0]).filter((file) => file.endsWith('.proto')), { keepCase: false });
  root.resolveAll();
  return root;
}

// grpcurl takes a field by its .proto name (region_code) or its JSON name (regionCode); protobufjs knows the latter.
function withFieldNames(type, value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const named = {};
  for (const [key, item] of Object.entries(value)) {
    const field = type.fields[key] ?? type.fields[key.replace(/_([a-z0-9])/g, (_, letter) => letter.toUpperCase())];
    if (!field) {
      console.error(`Error invoking method: message type ${type.fullName.slice(1)} has no known field named ${key}`);
      process.exit(1);
    }
    field.resolve();
    const convert = (element) => (field.resolvedType instanceof protobuf.Type ? withFieldNames(field.resolvedType, element) : element);
    if (field.map) named[field.name] = Object.fromEntries(Object.entries(item ?? {}).map(([k, v]) => [k, convert(v)]));
    else if (field.repeated) named[field.name] = (item ?? []).map(convert);
    else named[field.name] = convert(item);
  }
  return named;
}
