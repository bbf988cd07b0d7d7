#!/usr/bin/env node
// A synthetic region (three municipalities, eight teams, 3,000 clients, about 21,000 measures)
// as the NDJSON of `trinnctl fhir export` (one folder per team), then `trinnctl stats --csv
// --exact` and tools/rollup.sql in DuckDB over the same folders: the two must agree exactly,
// every count and every rounded rate and interval bound. Edge cases are sown in on purpose:
// scores exactly at and just past the 12-hour occasion window, single-measure occasions,
// clients with one occasion or none, two assessments, Observations entered in error or of
// another code (ignored), an Observation read twice from two folders (counted once), a folder
// without Organizations and Observations without a performer. Also checks that the JSON output
// hides small counts and never holds a client's pseudonym.
//
// usage: node region.js --content DIR --trinnctl PATH --rollup tools/rollup.sql [--seed N]
//        [--clients N] [--keep DIR]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const duckdb = require('@duckdb/node-api');

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
}

function rng(seed) { // mulberry32
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const content = arg('--content');
const ctl = arg('--trinnctl');
const rollup = arg('--rollup');
const seed = Number(arg('--seed', Date.now() % 1e9));
const nClients = Number(arg('--clients', 3000));
const r = rng(seed);
const pick = (a) => a[Math.floor(r() * a.length)];
const read = (p) => JSON.parse(fs.readFileSync(path.join(content, p), 'utf8'));

const exp = read('fhir/export.json');
const tracking = read('tracking.json');
const levels = read('levels.json').levels;
const pair = [tracking.outcome.depression, tracking.outcome.anxiety];
const inst = Object.fromEntries(Object.keys(exp.instruments).map((id) => [id, read(`instruments/${id}.json`)]));
const totalCode = (id) => read('fhir/' + exp.instruments[id].questionnaire).item
  .find((i) => i.linkId === exp.instruments[id].total_link_id).code[0];
const hex = (n) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const iso = (t) => new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function generate(dir) {
  const munis = ['Vestby kommune', 'Ås kommune', 'Frogn kommune'];
  const teams = [];
  munis.forEach((m, mi) => {
    const mid = 'org-m' + mi + hex(8);
    const n = mi === 0 ? 3 : mi === 1 ? 3 : 2;
    for (let k = 0; k < n; k++) teams.push({ id: 'org-t' + mi + k + hex(8), name: `RPH ${m.split(' ')[0]} team ${k + 1}`, mid, mname: m });
  });
  const folders = teams.map((t) => ({ t, dir: path.join(dir, t.id), obs: [], orgs: [] }));
  const loose = { t: null, dir: path.join(dir, 'no-team'), obs: [], orgs: null }; // no Organization at all
  for (const f of folders) {
    f.orgs.push({ resourceType: 'Organization', id: f.t.mid, active: true, name: f.t.mname });
    f.orgs.push({ resourceType: 'Organization', id: f.t.id, active: true, name: f.t.name, partOf: { reference: 'Organization/' + f.t.mid } });
  }
  const obs = (f, id, code, ts, extra) => {
    const o = {
      resourceType: 'Observation', id, status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }], text: 'Survey' }],
      code: { coding: [code] },
      subject: { identifier: { system: exp.patient_system, value: id.split('-')[0] } },
      effectiveDateTime: iso(ts),
    };
    if (f.t) o.performer = [{ reference: 'Organization/' + f.t.id }];
    Object.assign(o, extra);
    f.obs.push(o);
    return o;
  };
  const level = (l) => ({ coding: [{ system: exp.care_level.level_system, code: l.id, display: l.name.en }], text: l.name.en });
  let measures = 0;
  const start = Date.UTC(2025, 0, 1) / 1000;
  for (let c = 0; c < nClients; c++) {
    const p = hex(32);
    const f = r() < 0.03 ? loose : pick(folders);
    let t = start + Math.floor(r() * 600 * 86400);
    let seq = 1;
    const id = (what) => `${p}-${String(seq++).padStart(8, '0')}-${what}`;
    const nAssess = r() < 0.9 ? (r() < 0.06 ? 2 : 1) : 0;
    let sev = r();
    const occasions = Math.floor(r() * 8); // 0..7, about 3.5 on average
    for (let a = 0; a < nAssess; a++) {
      const rec = pick(levels);
      const chosen = r() < 0.7 ? rec : pick(levels);
      const at = t + a * 30 * 86400;
      obs(f, id('level'), exp.care_level.code, at, {
        valueCodeableConcept: level(chosen),
        component: [{ code: { coding: [exp.care_level.recommended] }, valueCodeableConcept: level(rec) }],
      });
    }
    for (let o = 0; o < occasions; o++) {
      sev = Math.max(0, Math.min(1, sev + (r() - 0.6) * 0.25));
      const gap = [0, 0, 0, 600, 3600, 43200, 43201, 50000][Math.floor(r() * 8)];
      const which = r() < 0.9 ? [0, 1] : [Math.floor(r() * 2)];
      let u = t;
      for (const m of which) {
        const max = inst[pair[m]].scoring.range[1];
        const v = Math.max(0, Math.min(max, Math.round(sev * max + (r() - 0.5) * 6)));
        const o1 = obs(f, id(pair[m]), totalCode(pair[m]), u, {
          valueQuantity: { value: v, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' },
        });
        measures++;
        if (r() < 0.01) o1.status = 'entered-in-error';
        if (r() < 0.004) { // the same Observation in a second folder: read twice, counted once
          const g = pick(folders);
          if (g !== f) g.obs.push(JSON.parse(JSON.stringify(o1)));
        }
        u += gap;
      }
      if (r() < 0.1) {
        obs(f, id('auditc'), totalCode('auditc'), t, { valueQuantity: { value: Math.floor(r() * 13), unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' } });
      }
      t += 7 * 86400 + Math.floor((r() - 0.5) * 86400);
    }
  }
  for (const f of [...folders, loose]) {
    fs.mkdirSync(f.dir, { recursive: true });
    fs.writeFileSync(path.join(f.dir, 'Observation.ndjson'), f.obs.map((o) => JSON.stringify(o)).join('\n') + '\n');
    if (f.orgs) fs.writeFileSync(path.join(f.dir, 'Organization.ndjson'), f.orgs.map((o) => JSON.stringify(o)).join('\n') + '\n');
  }
  return { dirs: [...folders, loose].map((f) => f.dir), measures, folders: [...folders, loose] };
}

function csvField(v) {
  return v === null || v === undefined ? '' : '"' + String(v).replace(/"/g, '""') + '"';
}

async function main() {
  const dir = arg('--keep') || fs.mkdtempSync(path.join(os.tmpdir(), 'trinn-region-'));
  const g = generate(dir);
  let fails = 0;
  const fail = (m) => { fails++; console.log('FAIL: ' + m); };
  console.log(`region (seed ${seed}): ${nClients} clients, ${g.measures} measures, ${g.dirs.length} folders`);

  let t0 = process.hrtime.bigint();
  const csv = execFileSync(ctl, ['--content', content, 'stats', '--ndjson', ...g.dirs, '--csv', '--exact'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const tStats = Number(process.hrtime.bigint() - t0) / 1e6;

  t0 = process.hrtime.bigint();
  const db = await duckdb.DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const list = (f) => '[' + g.dirs.map((d) => path.join(d, f)).filter((p) => fs.existsSync(p)).map((p) => `'${p.replace(/'/g, "''")}'`).join(', ') + ']';
  await c.run(`SET VARIABLE observations = ${list('Observation.ndjson')}`);
  await c.run(`SET VARIABLE organizations = ${list('Organization.ndjson')}`);
  await c.run(`SET VARIABLE content = '${content.replace(/'/g, "''")}'`);
  await c.run("SET VARIABLE period = 'quarter'");
  const stmts = fs.readFileSync(rollup, 'utf8').replace(/^\s*--.*$/mg, '').split(/;\s*\n/).map((s) => s.trim()).filter(Boolean);
  let res;
  for (const s of stmts) res = await c.runAndReadAll(s);
  const tSql = Number(process.hrtime.bigint() - t0) / 1e6;
  const rows = res.getRowObjectsJson();
  const head = 'scope,team_id,team,period,referrals,assessments,chose_recommended,chose_more_intensive,chose_less_intensive,clients,finished,finished_unpaired,caseness_start,recovered,reliably_improved,reliably_deteriorated,reliably_recovered';
  const rates = ['recovery', 'reliable_recovery', 'reliable_improvement', 'reliable_deterioration', 'caseness_start_rate', 'chose_recommended_rate'];
  const sqlLines = rows.map((x) => [x.scope, csvField(x.team_id), csvField(x.team), csvField(x.period),
    ...head.split(',').slice(4).map((k) => x[k]), ...rates.map((k) => x[k] || ',,')].join(','));
  const ctlLines = csv.trimEnd().split('\n');
  if (!ctlLines[0].startsWith(head)) fail('trinnctl stats CSV header: ' + ctlLines[0]);
  const a = ctlLines.slice(1).sort();
  const b = sqlLines.slice().sort();
  if (a.length !== b.length) fail(`trinnctl stats has ${a.length} groups, the SQL ${b.length}`);
  let shown = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i] && shown++ < 5) fail(`differ:\n  trinnctl: ${a[i]}\n  sql:      ${b[i]}`);
  }
  if (shown) fail(`${shown} groups differ`);
  const all = a.find((l) => l.startsWith('all,'));
  console.log(`trinnctl stats: ${tStats.toFixed(0)} ms (one process, pack load included); DuckDB rollup.sql: ${tSql.toFixed(0)} ms`);
  console.log('all: ' + all);

  // The JSON for leaving the team: small counts hidden, no pseudonym anywhere.
  const json = execFileSync(ctl, ['--content', content, 'stats', '--ndjson', ...g.dirs, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const out = JSON.parse(json);
  if (!json.includes('"<5"')) fail('no count was hidden as "<5" although small groups exist');
  for (const gr of out.groups) {
    for (const [k, v] of Object.entries(gr.counts)) if (typeof v === 'number' && v < 5) fail(`a count below 5 shown: ${k}=${v}`);
    for (const [k, v] of Object.entries(gr.rates)) {
      if ((v.n === '<5' || v.of === '<5') && v.rate !== null) fail(`rate ${k} shown beside a hidden count`);
    }
  }
  if (!out.groups[0].rates.recovery.reference || !out.groups[0].rates.recovery.reference.length) fail('the reference figures are missing beside the recovery rate');
  const someClient = g.folders[0].obs[0].subject.identifier.value;
  if (json.includes(someClient) || csv.includes(someClient)) fail('a pseudonym appears in the statistics');
  if (!arg('--keep')) fs.rmSync(dir, { recursive: true, force: true });
  if (fails) process.exit(1);
  console.log('region: trinnctl stats and tools/rollup.sql agree on every group');
}

main().catch((e) => { console.error(e); process.exit(1); });
