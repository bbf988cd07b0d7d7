#!/usr/bin/env bash
# One term each (issue 12 item 14): the glossary in content/README.md names, per language, the
# mixed or older variants that must not come back ("not" column). Every text of the pack in
# that language (the catalogs in i18n/<lang>/, and every "<lang>" string of the instruments,
# modules, levels, triage rules and crisis contacts) is searched for each, as a whole word or
# phrase in any case; a hit fails with the file, the key or JSON path and the text around it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
content=${1:-$here/../../content}
python3 - "$content" <<'PY'
import glob, json, os, re, sys
root = sys.argv[1]
readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
m = re.search(r"^## Glossary.*?$(.*?)^## ", readme, re.S | re.M)
if not m:
    sys.exit("terms: content/README.md has no '## Glossary' section")
banned = {}
for line in m.group(1).splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) < 5 or cells[0] in ("thing", "") or set(cells[0]) <= set("-"):
        continue
    for part in cells[-1].split(";"):
        if ":" not in part:
            continue
        lang, words = part.split(":", 1)
        banned.setdefault(lang.strip(), []).extend(w.strip() for w in words.split(",") if w.strip())
if not banned or set(banned) - {"nb", "nn", "en"}:
    sys.exit(f"terms: the glossary's 'not' column names {sorted(banned)}; expected nb, nn, en")

def strings(lang):
    out = []
    def walk(o, path):
        if isinstance(o, dict):
            for k, v in o.items():
                if k == lang and isinstance(v, str):
                    out.append((path + "." + k, v))
                else:
                    walk(v, path + "." + k)
        elif isinstance(o, list):
            for i, v in enumerate(o):
                walk(v, f"{path}[{i}]")
    for f in sorted(glob.glob(os.path.join(root, "**", "*.json"), recursive=True)):
        rel = os.path.relpath(f, root)
        if rel.startswith(("security" + os.sep, "fhir" + os.sep)):
            continue  # word lists and FHIR resources, not texts the client reads
        d = json.load(open(f, encoding="utf-8"))
        if rel.startswith(os.path.join("i18n", lang) + os.sep):
            out += [(f"{rel}: {k}", v) for k, v in d.items() if isinstance(v, str)]
        elif not rel.startswith("i18n" + os.sep):
            walk(d, rel + ": $")
    return out

hits = 0
for lang, words in banned.items():
    texts = strings(lang)
    if len(texts) < 100:
        sys.exit(f"terms: only {len(texts)} {lang} texts found under {root}")
    for w in words:
        rx = re.compile(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", re.I)
        for where, text in texts:
            for hit in rx.finditer(text):
                a = max(0, hit.start() - 40)
                print(f"terms: {lang} {where}: «{w}» (glossary: not this word): …{text[a:hit.end() + 40]}…")
                hits += 1
print(f"terms: {sum(len(w) for w in banned.values())} variants checked in nb, nn, en; {hits} found")
sys.exit(1 if hits else 0)
PY
