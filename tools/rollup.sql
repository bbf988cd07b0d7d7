-- tools/rollup.sql: the outcome statistics of `trinnctl stats` for a whole municipality or
-- region, computed by DuckDB straight from the NDJSON of many teams' FHIR exports. The
-- definitions are core/OUTCOME.md's ("Service statistics"); the numbers (cut-offs, reliable
-- change, the measurement pair, the occasion window, what "finished" means, the codes) are
-- read from the content pack, never written here. tests/fhir/region.js checks on a synthetic
-- region that this and `trinnctl stats --csv --exact` agree to the last digit.
--
-- Set four variables, then run this file, e.g. in the duckdb shell:
--   SET VARIABLE observations = ['a/Observation.ndjson', 'b/Observation.ndjson'];
--   SET VARIABLE organizations = ['a/Organization.ndjson', 'b/Organization.ndjson'];
--   SET VARIABLE content = '/usr/share/trinn/content';
--   SET VARIABLE period = 'quarter';          -- or 'month', 'year'
--   .read tools/rollup.sql
-- The result has the columns of `trinnctl stats --csv --exact` (small counts shown: hide
-- counts below 5 before the figures leave the service).

SET TimeZone = 'UTC';

CREATE OR REPLACE TEMP TABLE cfg AS
WITH t AS (SELECT json FROM read_json_objects(getvariable('content') || '/tracking.json')),
     inst AS (SELECT json FROM read_json_objects(getvariable('content') || '/instruments/*.json')),
     exp AS (SELECT json FROM read_json_objects(getvariable('content') || '/fhir/export.json')),
     q AS (SELECT json, filename
           FROM read_json_objects(getvariable('content') || '/fhir/Questionnaire-*.json', filename = true)),
     pair AS (
       SELECT 0 AS slot, json_extract_string(t.json, '$.outcome.depression') AS id FROM t
       UNION ALL
       SELECT 1, json_extract_string(t.json, '$.outcome.anxiety') FROM t),
     mapped AS ( -- each instrument's Questionnaire file and total item (content/fhir/export.json)
       SELECT pair.slot, pair.id,
              json_extract_string(exp.json, '$.instruments.' || pair.id || '.questionnaire') AS qfile,
              json_extract_string(exp.json, '$.instruments.' || pair.id || '.total_link_id') AS total_link
       FROM pair, exp),
     totals AS ( -- the code of that total item: the Observation code of the total
       SELECT mapped.slot, json_extract_string(it, '$.code[0].system') AS system,
              json_extract_string(it, '$.code[0].code') AS code
       FROM mapped JOIN q ON q.filename LIKE '%/' || mapped.qfile,
            unnest(json_extract(q.json, '$.item[*]')) AS u(it)
       WHERE json_extract_string(it, '$.linkId') = mapped.total_link)
SELECT pair.slot, pair.id,
       json_extract(inst.json, '$.scoring.caseness.total_at_least')::INTEGER AS caseness,
       json_extract(inst.json, '$.scoring.reliable_change')::INTEGER AS reliable_change,
       totals.system, totals.code,
       (SELECT json_extract(t.json, '$.outcome.finished_sessions')::INTEGER FROM t) AS finished_sessions,
       (SELECT json_extract(t.json, '$.outcome.occasion_window_hours')::BIGINT * 3600 FROM t) AS window_s
FROM pair
JOIN inst ON json_extract_string(inst.json, '$.id') = pair.id
JOIN totals USING (slot);

CREATE OR REPLACE TEMP TABLE care AS
SELECT json_extract_string(json, '$.care_level.code.system') AS care_system,
       json_extract_string(json, '$.care_level.code.code') AS care_code,
       json_extract_string(json, '$.care_level.recommended.system') AS rec_system,
       json_extract_string(json, '$.care_level.recommended.code') AS rec_code,
       json_extract_string(json, '$.care_level.level_system') AS level_system
FROM read_json_objects(getvariable('content') || '/fhir/export.json');

CREATE OR REPLACE TEMP TABLE levels AS
SELECT json_extract_string(l, '$.id') AS id, (ord - 1)::INTEGER AS rank
FROM read_json_objects(getvariable('content') || '/levels.json') AS f,
     unnest(json_extract(f.json, '$.levels[*]')) WITH ORDINALITY AS u(l, ord);

-- Every Observation, with what the statistics need (read with a fixed shape: fields beyond
-- these are not read).
SET VARIABLE level_ids = (SELECT list(id ORDER BY rank) FROM levels);
SET VARIABLE level_system = (SELECT level_system FROM care);
SET VARIABLE recommended = (SELECT rec_system || ' ' || rec_code FROM care);

CREATE OR REPLACE TEMP TABLE raw AS
SELECT id, status,
       list_transform(code.coding, c -> c.system || ' ' || c.code) AS codes,
       coalesce(CASE WHEN coalesce(subject.identifier.value, '') <> ''
                     THEN coalesce(subject.identifier.system, '') || '|' || subject.identifier.value END,
                subject.reference) AS client,
       coalesce(substr(list_filter(performer, p -> p.reference LIKE 'Organization/%')[1].reference, 14), '') AS team,
       epoch(CAST(effectiveDateTime AS TIMESTAMPTZ))::BIGINT AS ts,
       valueQuantity.value AS value,
       list_position(getvariable('level_ids'),
                     list_filter(valueCodeableConcept.coding,
                                 c -> c.system = getvariable('level_system')
                                      AND list_position(getvariable('level_ids'), c.code) > 0)[1].code) - 1 AS chosen,
       list_position(getvariable('level_ids'),
                     list_filter(flatten(list_transform(
                                   list_filter(component, k -> list_contains(list_transform(k.code.coding, c -> c.system || ' ' || c.code),
                                                                             getvariable('recommended'))),
                                   k -> k.valueCodeableConcept.coding)),
                                 c -> c.system = getvariable('level_system')
                                      AND list_position(getvariable('level_ids'), c.code) > 0)[1].code) - 1 AS rec
FROM read_ndjson(getvariable('observations'), columns = {
  id: 'VARCHAR', status: 'VARCHAR',
  code: 'STRUCT(coding STRUCT(system VARCHAR, code VARCHAR)[])',
  subject: 'STRUCT(identifier STRUCT(system VARCHAR, value VARCHAR), reference VARCHAR)',
  effectiveDateTime: 'VARCHAR',
  performer: 'STRUCT(reference VARCHAR)[]',
  valueQuantity: 'STRUCT(value DOUBLE)',
  valueCodeableConcept: 'STRUCT(coding STRUCT(system VARCHAR, code VARCHAR)[])',
  component: 'STRUCT(code STRUCT(coding STRUCT(system VARCHAR, code VARCHAR)[]), valueCodeableConcept STRUCT(coding STRUCT(system VARCHAR, code VARCHAR)[]))[]'});

CREATE OR REPLACE TEMP TABLE obs AS
WITH k AS (
  SELECT raw.*,
         CASE WHEN list_contains(codes, (SELECT care_system || ' ' || care_code FROM care)) THEN 2
              WHEN list_contains(codes, (SELECT system || ' ' || code FROM cfg WHERE slot = 1)) THEN 1
              WHEN list_contains(codes, (SELECT system || ' ' || code FROM cfg WHERE slot = 0)) THEN 0
         END AS kind
  FROM raw
  WHERE status IN ('final', 'amended', 'corrected'))
SELECT DISTINCT id, client, team, ts, kind,
       CASE WHEN kind = 2 THEN chosen ELSE value::INTEGER END AS value,
       CASE WHEN kind = 2 THEN rec END AS rec
FROM k WHERE kind IS NOT NULL;

-- Measures in the order tr_track sees them, then occasions (OUTCOME.md: a score joins the open
-- occasion when it is within the window of its first score and that measure is still missing).
CREATE OR REPLACE TEMP TABLE m AS
SELECT client, team, ts, id, kind, value,
       row_number() OVER (PARTITION BY client ORDER BY ts, id) AS rn
FROM obs WHERE kind IN (0, 1);

CREATE OR REPLACE TEMP TABLE occ_of AS
WITH RECURSIVE r(client, rn, occ, opened, has0, has1) AS (
  SELECT client, rn, 1, ts, kind = 0, kind = 1 FROM m WHERE rn = 1
  UNION ALL
  SELECT m.client, m.rn,
         r.occ + CASE WHEN (m.kind = 0 AND r.has0) OR (m.kind = 1 AND r.has1)
                        OR m.ts - r.opened > (SELECT max(window_s) FROM cfg) THEN 1 ELSE 0 END,
         CASE WHEN (m.kind = 0 AND r.has0) OR (m.kind = 1 AND r.has1)
                OR m.ts - r.opened > (SELECT max(window_s) FROM cfg) THEN m.ts ELSE r.opened END,
         CASE WHEN (m.kind = 0 AND r.has0) OR (m.kind = 1 AND r.has1)
                OR m.ts - r.opened > (SELECT max(window_s) FROM cfg) THEN m.kind = 0 ELSE r.has0 OR m.kind = 0 END,
         CASE WHEN (m.kind = 0 AND r.has0) OR (m.kind = 1 AND r.has1)
                OR m.ts - r.opened > (SELECT max(window_s) FROM cfg) THEN m.kind = 1 ELSE r.has1 OR m.kind = 1 END
  FROM r JOIN m ON m.client = r.client AND m.rn = r.rn + 1)
SELECT client, rn, occ FROM r;

CREATE OR REPLACE TEMP TABLE occasions AS
SELECT m.client, o.occ,
       max(m.value) FILTER (WHERE m.kind = 0) AS dep,
       max(m.value) FILTER (WHERE m.kind = 1) AS anx
FROM m JOIN occ_of o USING (client, rn)
GROUP BY m.client, o.occ;

-- One row per client with measures: tr_outcome_compute's metrics.
CREATE OR REPLACE TEMP TABLE clients AS
WITH cut AS (SELECT max(caseness) FILTER (WHERE slot = 0) AS c_dep, max(caseness) FILTER (WHERE slot = 1) AS c_anx,
                    max(reliable_change) FILTER (WHERE slot = 0) AS rc_dep, max(reliable_change) FILTER (WHERE slot = 1) AS rc_anx,
                    max(finished_sessions) AS fin FROM cfg),
     fl2 AS (SELECT client, count(*) AS sessions,
                    min(occ) FILTER (WHERE dep IS NOT NULL AND anx IS NOT NULL) AS first_occ,
                    -- the last paired occasion after the first (none when only one is paired)
                    nullif(max(occ) FILTER (WHERE dep IS NOT NULL AND anx IS NOT NULL),
                           min(occ) FILTER (WHERE dep IS NOT NULL AND anx IS NOT NULL)) AS last_occ
             FROM occasions GROUP BY client),
     lastm AS (SELECT client, team, ts FROM m
               QUALIFY rn = max(rn) OVER (PARTITION BY client)),
     v AS (SELECT fl2.client, fl2.sessions, fl2.first_occ, fl2.last_occ, lastm.team, lastm.ts,
                  f.dep AS dep_f, f.anx AS anx_f, l.dep AS dep_l, l.anx AS anx_l
           FROM fl2 JOIN lastm USING (client)
           LEFT JOIN occasions f ON f.client = fl2.client AND f.occ = fl2.first_occ
           LEFT JOIN occasions l ON l.client = fl2.client AND l.occ = fl2.last_occ)
SELECT v.client, v.team, v.ts,
       v.sessions >= cut.fin AS finished,
       v.last_occ IS NOT NULL AS paired,
       (v.dep_f >= cut.c_dep OR v.anx_f >= cut.c_anx) AS case_start,
       (v.dep_l >= cut.c_dep OR v.anx_l >= cut.c_anx) AS case_end,
       ((v.dep_l - v.dep_f <= -cut.rc_dep)::INTEGER + (v.anx_l - v.anx_f <= -cut.rc_anx)::INTEGER) AS down,
       ((v.dep_l - v.dep_f >= cut.rc_dep)::INTEGER + (v.anx_l - v.anx_f >= cut.rc_anx)::INTEGER) AS up
FROM v, cut;

-- The facts, each at its team and period: assessments where they happened, outcomes where
-- the client's last measure was.
CREATE OR REPLACE TEMP TABLE facts AS
WITH per AS (
  SELECT 'assessment' AS what, team, ts, client,
         (row_number() OVER (PARTITION BY client ORDER BY ts, id) = 1)::INTEGER AS referral,
         1 AS assessment,
         (value = rec)::INTEGER AS chose_rec, (value > rec)::INTEGER AS chose_more,
         (value < rec)::INTEGER AS chose_less,
         0 AS client_n, 0 AS fin, 0 AS unpaired, 0 AS cs, 0 AS rec_n, 0 AS imp, 0 AS det, 0 AS relrec
  FROM obs WHERE kind = 2
  UNION ALL
  SELECT 'outcome', team, ts, client, 0, 0, 0, 0, 0, 1,
         (finished AND paired)::INTEGER,
         (finished AND NOT paired)::INTEGER,
         (finished AND paired AND case_start)::INTEGER,
         (finished AND paired AND case_start AND NOT case_end)::INTEGER,
         (finished AND paired AND down > 0 AND up = 0)::INTEGER,
         (finished AND paired AND up > 0)::INTEGER,
         (finished AND paired AND case_start AND NOT case_end AND down > 0 AND up = 0)::INTEGER
  FROM clients)
SELECT *,
       CASE getvariable('period')
         WHEN 'year' THEN strftime(to_timestamp(ts), '%Y')
         WHEN 'month' THEN strftime(to_timestamp(ts), '%Y-%m')
         ELSE strftime(to_timestamp(ts), '%Y') || '-Q' || quarter(to_timestamp(ts))::VARCHAR
       END AS period
FROM per;

CREATE OR REPLACE TEMP MACRO r3(x) AS round(x * 1000.0::DOUBLE) / 1000.0::DOUBLE;
-- The 95 % Wilson interval, operation for operation as core/tr_stats_out.c computes it.
CREATE OR REPLACE TEMP MACRO wz() AS 1.959963984540054::DOUBLE;
CREATE OR REPLACE TEMP MACRO wlow(n, d) AS greatest(0.0::DOUBLE,
  (((n::DOUBLE / d::DOUBLE) + (wz() * wz()) / (2.0::DOUBLE * d::DOUBLE)) / (1.0::DOUBLE + (wz() * wz()) / d::DOUBLE))
  - wz() * sqrt((n::DOUBLE / d::DOUBLE) * (1.0::DOUBLE - n::DOUBLE / d::DOUBLE) / d::DOUBLE
                + (wz() * wz()) / (4.0::DOUBLE * d::DOUBLE * d::DOUBLE)) / (1.0::DOUBLE + (wz() * wz()) / d::DOUBLE));
CREATE OR REPLACE TEMP MACRO whigh(n, d) AS least(1.0::DOUBLE,
  (((n::DOUBLE / d::DOUBLE) + (wz() * wz()) / (2.0::DOUBLE * d::DOUBLE)) / (1.0::DOUBLE + (wz() * wz()) / d::DOUBLE))
  + wz() * sqrt((n::DOUBLE / d::DOUBLE) * (1.0::DOUBLE - n::DOUBLE / d::DOUBLE) / d::DOUBLE
                + (wz() * wz()) / (4.0::DOUBLE * d::DOUBLE * d::DOUBLE)) / (1.0::DOUBLE + (wz() * wz()) / d::DOUBLE));
CREATE OR REPLACE TEMP MACRO f3(x) AS printf('%.3f', r3(x));
CREATE OR REPLACE TEMP MACRO rate3(n, d) AS
  CASE WHEN d = 0 THEN '' ELSE f3(n::DOUBLE / d::DOUBLE) || ',' || f3(wlow(n, d)) || ',' || f3(whigh(n, d)) END;

CREATE OR REPLACE TEMP TABLE grouped AS
SELECT CASE WHEN grouping(team) = 1 AND grouping(period) = 1 THEN 'all'
            WHEN grouping(team) = 1 THEN 'period'
            WHEN grouping(period) = 1 THEN 'team' ELSE 'team-period' END AS scope,
       CASE WHEN grouping(team) = 1 OR team = '' THEN NULL ELSE team END AS team_id,
       CASE WHEN grouping(period) = 1 THEN NULL ELSE period END AS period,
       sum(referral)::INTEGER AS referrals, sum(assessment)::INTEGER AS assessments,
       sum(chose_rec)::INTEGER AS chose_recommended, sum(chose_more)::INTEGER AS chose_more_intensive,
       sum(chose_less)::INTEGER AS chose_less_intensive, sum(client_n)::INTEGER AS clients,
       sum(fin)::INTEGER AS finished, sum(unpaired)::INTEGER AS finished_unpaired,
       sum(cs)::INTEGER AS caseness_start, sum(rec_n)::INTEGER AS recovered,
       sum(imp)::INTEGER AS reliably_improved, sum(det)::INTEGER AS reliably_deteriorated,
       sum(relrec)::INTEGER AS reliably_recovered
FROM facts
GROUP BY GROUPING SETS ((team, period), (team), (period), ());

SELECT g.scope, g.team_id,
       CASE WHEN g.team_id IS NULL THEN NULL ELSE coalesce(n.name, g.team_id) END AS team,
       g.period, g.referrals, g.assessments, g.chose_recommended, g.chose_more_intensive,
       g.chose_less_intensive, g.clients, g.finished, g.finished_unpaired, g.caseness_start,
       g.recovered, g.reliably_improved, g.reliably_deteriorated, g.reliably_recovered,
       rate3(g.recovered, g.caseness_start) AS recovery,
       rate3(g.reliably_recovered, g.caseness_start) AS reliable_recovery,
       rate3(g.reliably_improved, g.finished) AS reliable_improvement,
       rate3(g.reliably_deteriorated, g.finished) AS reliable_deterioration,
       rate3(g.caseness_start, g.finished) AS caseness_start_rate,
       rate3(g.chose_recommended, g.assessments) AS chose_recommended_rate
FROM grouped g
LEFT JOIN (SELECT json_extract_string(json, '$.id') AS id, first(json_extract_string(json, '$.name')) AS name
           FROM read_json_objects(getvariable('organizations'), format = 'newline_delimited')
           GROUP BY 1) n ON n.id = g.team_id
ORDER BY CASE g.scope WHEN 'all' THEN 0 WHEN 'period' THEN 1 WHEN 'team' THEN 2 ELSE 3 END,
         coalesce(g.team_id, ''), coalesce(g.period, '');
