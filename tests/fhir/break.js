#!/usr/bin/env node
// Copies a good export and breaks it in one way, for the test that every validator catches
// what it should. usage: node break.js SRC DST KIND; prints the validator expected to catch it.
'use strict';
const fs = require('fs');
const path = require('path');
const [src, dst, kind] = process.argv.slice(2);
fs.mkdirSync(dst, { recursive: true });
for (const f of fs.readdirSync(src)) fs.copyFileSync(path.join(src, f), path.join(dst, f));
const nd = (type, fn) => {
  const p = path.join(dst, type + '.ndjson');
  const lines = fs.readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  fn(lines);
  fs.writeFileSync(p, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
};
const bundle = (fn) => {
  const p = path.join(dst, 'bundle.json');
  const b = JSON.parse(fs.readFileSync(p, 'utf8'));
  fn(b);
  fs.writeFileSync(p, JSON.stringify(b));
};
const kinds = {
  // a status outside its required value set: the schema's enum
  status: ['schema', () => nd('Observation', (L) => { L[0].status = 'done'; })],
  // a property R4 does not have: fhir.js with errorOnUnexpected (and the schema)
  unexpected: ['fhir.js', () => nd('QuestionnaireResponse', (L) => { L[0].authoredOn = L[0].authored; })],
  // a component coded like the Observation itself while the Observation has a value: obs-7
  obs7: ['fhirpath', () => nd('Observation', (L) => {
    const o = L.find((x) => x.component);
    o.component[0].code = o.code;
  })],
  // two entries with one fullUrl: bdl-7
  bdl7: ['fhirpath', () => bundle((b) => { b.entry[1].fullUrl = b.entry[0].fullUrl; })],
  // a total that is not the sum of the items: Trinn's rule
  sum: ['trinn', () => nd('QuestionnaireResponse', (L) => {
    const q = L.find((x) => x.item.some((i) => i.answer[0].valueInteger !== undefined));
    q.item.find((i) => i.answer[0].valueInteger !== undefined).answer[0].valueInteger += 1;
  })],
  // a LOINC code with a wrong check digit: Trinn's rule
  loinc: ['trinn', () => nd('Observation', (L) => { L[0].code.coding[0].code = '44261-7'; })],
  // the medication log, the side-effect check, the feedback (issue 17), for an export with them:
  // a medicine's status outside its value set: fhir.js
  medstatus: ['fhir.js', () => nd('MedicationStatement', (L) => { L[0].status = 'taking'; })],
  // the client's free text guessed into a code: Trinn's rule
  medcoded: ['trinn', () => nd('MedicationStatement', (L) => {
    L[0].medicationCodeableConcept.coding = [{ system: 'http://snomed.info/sct', code: '0' }];
  })],
  // a side-effect rating that is no answerOption of its item: Trinn's rule
  effect: ['trinn', () => nd('QuestionnaireResponse', (L) => {
    const q = L.find((x) => x.questionnaire.includes(':side-effects|'));
    q.item[0].answer[0].valueCoding.code = 'awful';
  })],
  // a feedback after a module that does not name it: Trinn's rule
  module: ['trinn', () => nd('QuestionnaireResponse', (L) => {
    const q = L.find((x) => x.item.some((i) => i.linkId === 'module'));
    q.item = q.item.filter((i) => i.linkId !== 'module');
  })],
};
if (!kinds[kind]) { console.error('kinds: ' + Object.keys(kinds).join(' ')); process.exit(2); }
kinds[kind][1]();
console.log(kinds[kind][0]);
