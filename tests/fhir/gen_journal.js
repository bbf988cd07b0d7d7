#!/usr/bin/env node
// Writes the records of a random client journal as JSON Lines (core/RECORDS.md), for
// `trinnctl journal append`: an assessment (PHQ-9, GAD-7, sometimes AUDIT-C, a recommended and a
// chosen level), then weekly measures, some with one item skipped (prorated total), some with
// too many skipped (not scorable), plus check-ins and sessions the export must leave out, and
// sometimes medicines, side-effect checks, the wish for help without medication and feedback.
// Totals follow the instrument files (sum; one missing item prorated, halves rounded up).
//
// usage: node gen_journal.js --content DIR --seed N   (same seed, same journal)
'use strict';
const fs = require('fs');
const path = require('path');

function rng(seed) { // mulberry32: small, seeded, good enough for test data
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function main() {
  const args = process.argv.slice(2);
  const content = args[args.indexOf('--content') + 1];
  const seed = Number(args[args.indexOf('--seed') + 1]);
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const inst = (id) => JSON.parse(fs.readFileSync(path.join(content, 'instruments', id + '.json')));
  const levels = JSON.parse(fs.readFileSync(path.join(content, 'levels.json'))).levels.map((l) => l.id);
  const I = { phq9: inst('phq9'), gad7: inst('gad7'), auditc: inst('auditc'), dudit: inst('dudit'),
    liebet: inst('liebet') };

  // Answers and score of one instrument; `skip` scored items are left out.
  const fill = (id, level, skip) => {
    const d = I[id];
    const sc = d.scoring;
    const answers = {};
    const counted = sc.items.slice();
    const skipped = new Set();
    while (skipped.size < skip) skipped.add(pick(counted));
    let sum = 0;
    let n = 0;
    for (const it of d.items) {
      const opts = d.option_sets[it.options].options;
      const gate = it.show_if && it.show_if['>'] && it.show_if['>'][0].var; // AUDIT-C 2-3 after 'Never'
      if (gate && sc.items.includes(it.id) && answers[gate] === 0) {
        n++; // hidden: not missing, it scores its when_hidden value
        sum += it.when_hidden || 0;
        continue;
      }
      if (sc.items.includes(it.id)) {
        if (skipped.has(it.id)) continue;
        const v = Math.max(0, Math.min(opts.length - 1, Math.round(level * (opts.length - 1) + (r() - 0.5) * 2)));
        answers[it.id] = opts[v].value;
        sum += opts[v].value;
        n++;
      } else if (sum > 0 && r() < 0.7) {
        answers[it.id] = pick(opts).value; // the difficulty question, shown when anything > 0
      }
    }
    const missing = counted.length - n;
    const scorable = missing <= sc.missing.max_missing;
    const total = !scorable ? null : missing === 0 ? sum : Math.floor((sum * counted.length) / n + 0.5);
    const band = scorable ? sc.bands.find((b) => total >= b.min && total <= b.max).id : null;
    const caseness = scorable && sc.caseness ? total >= sc.caseness.total_at_least : null;
    return { answers, score: { total, band, caseness, scorable } };
  };

  const out = [];
  let t = Date.UTC(2025, 0, 1) + Math.floor(r() * 500) * 86400000 + Math.floor(r() * 86400) * 1000;
  const ts = () => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  out.push({ type: 'settings', ts: ts(), lang: pick(['nb', 'nn', 'en']), theme: 'standard' });
  let level = r();
  const a = {};
  const s = {};
  for (const id of r() < 0.3 ? ['phq9', 'gad7', 'auditc'] : ['phq9', 'gad7']) {
    const f = fill(id, level, r() < 0.1 ? 1 : 0);
    a[id] = f.answers;
    s[id] = f.score;
  }
  if (r() < 0.4) { // the drug and gambling screens (issue 17), asked behind their gateways
    for (const id of ['dudit', 'liebet']) {
      const f = fill(id, level * 0.5, r() < 0.1 ? 1 : 0);
      a[id] = f.answers;
      s[id] = f.score;
    }
  }
  const rec = pick(levels);
  out.push({ type: 'assessment', ts: ts(), answers: a, scores: s, risk: 'none', recommended: rec,
    alternatives: [], reasons: [], chosen: r() < 0.7 ? rec : pick(levels), modules: [] });
  const weeks = Math.floor(r() * 10);
  for (let w = 0; w < weeks; w++) {
    t += 7 * 86400000 + Math.floor((r() - 0.5) * 86400000);
    level = Math.max(0, Math.min(1, level + (r() - 0.6) * 0.2));
    for (const id of ['phq9', 'gad7']) {
      const skip = r() < 0.08 ? 1 : r() < 0.04 ? 3 : 0;
      const f = fill(id, level, skip);
      out.push({ type: 'measure', ts: ts(), instrument: id, answers: f.answers, ...f.score });
      t += Math.floor(r() * 600) * 1000;
    }
    if (r() < 0.5) out.push({ type: 'session', ts: ts(), attended: r() < 0.9, note: '' });
    if (r() < 0.5) out.push({ type: 'checkin', ts: ts(), mood: Math.floor(r() * 11), sleep_hours: 7, note: '' });
  }
  // the medication log, side-effect checks, the wish and feedback (issue 17), as the app
  // writes them (core/tr_med.c, tr_feedback.c): every record one the export must take
  const med = JSON.parse(fs.readFileSync(path.join(content, 'medication.json')));
  const fb = JSON.parse(fs.readFileSync(path.join(content, 'feedback.json')));
  const nMeds = r() < 0.5 ? Math.floor(r() * 3) + 1 : 0;
  for (let m = 1; m <= nMeds; m++) {
    t += Math.floor(r() * 86400) * 1000;
    const add = { type: 'medication', ts: ts(), med: 'med' + m, op: 'add', name: pick(['Sertralin', 'Escitalopram', 'Zopiklon', 'Oxazepam']) };
    if (r() < 0.7) add.dose = pick(['50 mg', '10 mg om kvelden', '1 tablett']);
    if (r() < 0.5) add.since = pick(['mars 2025', 'i fjor', '2024']);
    if (r() < 0.5) add.prescriber = pick(['fastlegen', 'DPS']);
    out.push(add);
    for (let c = Math.floor(r() * 3); c > 0; c--) {
      t += Math.floor(r() * 20 * 86400) * 1000;
      const ch = { type: 'medication', ts: ts(), med: 'med' + m, op: 'change' };
      if (r() < 0.5) ch.date = pick(['i går', '1. mai']);
      if (r() < 0.6) ch.dose = pick(['100 mg', '5 mg']);
      if (r() < 0.5 || !ch.dose) ch.note = 'legen endret dosen';
      ch.stopped = r() < 0.3;
      out.push(ch);
    }
  }
  for (let k = r() < 0.5 ? Math.floor(r() * 3) + 1 : 0; k > 0; k--) {
    t += Math.floor(r() * 7 * 86400) * 1000;
    const ratings = {};
    for (const e of med.effects) if (r() < 0.3) ratings[e.id] = pick(med.ratings).id;
    if (!Object.keys(ratings).length) ratings[med.effects[0].id] = med.ratings[0].id;
    const se = { type: 'side_effects', ts: ts(), ratings };
    if (r() < 0.4) se.note = 'verst om morgenen';
    out.push(se);
  }
  if (r() < 0.5) out.push({ type: 'medication_wish', ts: ts(), wish: pick(med.wishes).id });
  for (let k = r() < 0.5 ? Math.floor(r() * 3) + 1 : 0; k > 0; k--) {
    t += Math.floor(r() * 7 * 86400) * 1000;
    const f = { type: 'feedback', ts: ts(), after: r() < 0.7 ? 'contact' : 'module', ratings: {} };
    if (f.after === 'module') f.module = 'sleep';
    for (const it of fb.items) if (r() < 0.8) f.ratings[it.id] = pick(fb.scale).value;
    if (r() < 0.3) f.note = 'fint';
    if (r() < 0.1) f.change_therapist = true;
    if (!Object.keys(f.ratings).length && !f.note) f.change_therapist = true;
    out.push(f);
  }
  process.stdout.write(out.map((x) => JSON.stringify(x)).join('\n') + '\n');
}

main();
