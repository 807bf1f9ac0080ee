#!/usr/bin/env python3
"""Deterministic synthetic caseload generator for ehcp benchmarks.

Writes N fictional, schema-valid EHC plans (and, with --contributions, the advice each
was built from) of realistic size and varied wording: 15-40 rendered pages, every
section, names in several scripts. The same --seed always gives the same files, so
benchmark figures are comparable between runs and machines.

    bench/generate_caseload.py --plans 1000 --out /tmp/caseload
    bench/generate_caseload.py --plans 1 --size large --out /tmp/one   # ~30 pages
    bench/generate_caseload.py --plans 20 --size tiny --out /tmp/b     # ~15 pages each
"""

import argparse
import datetime as dt
import os
import random
from xml.sax.saxutils import escape, quoteattr

GIVEN = ["Maya", "Oliver", "Zuzanna", "Amir", "Chloé", "Kacper", "Aisha", "Noah", "Ife",
         "Sofia", "Dmitri", "Eleni", "Tomasz", "Leah", "Yusuf", "Freya", "Mateo", "Niamh",
         "مريم", "يوسف", "Алексей", "Ελένη", "Zoë", "Björn", "Siân", "Ngozi"]
FAMILY = ["Example", "Wiśniewska", "Haddad", "Okafor", "Nowak", "Ó Briain", "Kowalski",
          "Patel", "Smith", "Jones", "Evans", "Brown", "Lewandowski", "Ahmed", "Murphy",
          "حداد", "Иванов", "Παπαδοπούλου", "Müller", "García"]
LANGS = [("en", "English"), ("pl", "Polish"), ("ar", "Arabic"), ("ur", "Urdu"),
         ("ro", "Romanian"), ("so", "Somali"), ("ru", "Russian"), ("el", "Greek")]
AREAS = ["communication-interaction", "cognition-learning", "social-emotional-mental-health",
         "sensory-physical", "independence-self-care"]
NEED_OPENERS = {
    "communication-interaction": "{n} finds it hard to follow spoken instructions with more than two parts and to take turns in conversation",
    "cognition-learning": "{n} reads and spells about two years below the level expected for their age and loses track of multi-step calculations",
    "social-emotional-mental-health": "{n} becomes very anxious when routines change without warning and may leave the classroom or stop speaking",
    "sensory-physical": "{n} is sensitive to noise and touch and tires quickly when writing by hand or moving between rooms",
    "independence-self-care": "{n} needs an adult to prompt each step of dressing, toileting and organising equipment",
}
IMPACT = [
    "This means {n} misses parts of lessons and needs information broken into short steps.",
    "In a busy classroom this leads to {n} losing attention after a few minutes.",
    "Staff who know {n} well describe a clear difference on days with a predictable timetable.",
    "Standardised assessment in the spring term placed {n} below the 10th centile for this skill.",
    "At home, the family see the same difficulty when plans change at short notice.",
]
PROVISION = [
    ("speech-language-therapy", "Direct speech and language therapy to teach {n} strategies for understanding and remembering instructions, with targets shared with class staff", "Speech and language therapist", "HCPC-registered", "education"),
    ("occupational-therapy", "Occupational therapy programme for fine motor and sensory regulation skills, with a written home and school programme reviewed each term", "Occupational therapist", "HCPC-registered", "education"),
    ("physiotherapy", "Physiotherapy sessions to maintain range of movement and build walking stamina between classrooms", "Physiotherapist", "HCPC-registered", "education"),
    ("adult-support", "Support from a named teaching assistant in lessons to break tasks into steps and check understanding", "Teaching assistant", "trained in the school's structured teaching approach", "education"),
    ("specialist-teaching", "Structured, multisensory literacy teaching following a cumulative phonics programme", "Specialist teacher", "holding a Level 5 qualification in specific learning difficulties", "education"),
    ("emotional-wellbeing", "Emotional literacy sessions to help {n} recognise and name feelings and use an agreed calming plan", "Emotional literacy support assistant", "trained and supervised by an educational psychologist", "education"),
    ("health-care", "Review of hearing aids and radio aid by the audiology service", "Paediatric audiologist", "HCPC-registered", "health"),
    ("nursing", "Training for named school staff in gastrostomy feeding, refreshed annually", "Community children's nurse", "NMC-registered", "health"),
    ("short-breaks", "Short breaks at a specialist youth club with support from a trained worker", "Short breaks worker", "with enhanced DBS check and autism training", "social-care"),
    ("family-support", "Family support worker visits to help the family plan routines for school mornings", "Family support worker", "qualified in family support (Level 3)", "social-care"),
]
PERIODS = [(1, "week", 30), (2, "week", 20), (1, "fortnight", 45), (5, "week", 15),
           (3, "half-term", 60), (1, "term", 60), (1, "day", 10)]


def d(date):
    return date.isoformat()


def para(text):
    return "<p>" + escape(text) + "</p>"


def plan_xml(rng, index, size):
    scale = {"tiny": 1, "small": 1, "medium": 2, "large": 3}[size]
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    name = given
    year = rng.randint(-1, 13)
    today = dt.date(2026, 6, 1)
    birth_year = 2026 - (year + 5) - (1 if rng.random() < 0.6 else 0)
    dob = dt.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
    ncy = (2025 if today.month < 9 else 2026) - dob.year - (1 if (dob.month, dob.day) > (8, 31) else 0) - 4
    request = dt.date(2025, 11, 3) + dt.timedelta(days=rng.randint(0, 60))
    draft = request + dt.timedelta(weeks=14)
    final = draft + dt.timedelta(days=21)
    review_months = 6 if ncy < 1 else 12
    next_review = final + dt.timedelta(days=review_months * 30 - 5)
    lang_code, lang_name = rng.choice(LANGS)
    areas = AREAS[:]
    rng.shuffle(areas)
    n_needs = 3 if size == "tiny" else min(len(areas) * 2, 3 + 3 * scale)
    out = []
    w = out.append
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w(f'<plan xmlns="urn:ehcp:schema:1" id="SYN-{index:05d}" version="1" status="final" xml:lang="en-GB">\n')
    w('  <meta>\n    <localAuthority name="Exampleshire County Council" code="999"/>\n')
    w('    <officer name="Sam Officer" role="EHC Coordinator" email="ehc@exampleshire.example"/>\n')
    w(f'    <dates requestReceived="{d(request)}" draftIssued="{d(draft)}" finalIssued="{d(final)}" nextReview="{d(next_review)}"/>\n')
    w(f'    <signOff name="Sam Officer" role="EHC Coordinator" date="{d(final)}"/>\n  </meta>\n')
    w('  <child>\n')
    w(f'    <legalName><given>{escape(given)}</given><family>{escape(family)}</family></legalName>\n')
    w(f'    <dateOfBirth>{d(dob)}</dateOfBirth>\n    <yearGroup ncy="{max(-2, min(14, ncy))}"/>\n')
    w(f'    <homeLanguage code="{lang_code}">{lang_name}</homeLanguage>\n')
    if lang_code != "en":
        w('    <homeLanguage code="en">English</homeLanguage>\n')
    w(f'    <communication>{para(f"{name} communicates best with short sentences, visual supports and time to answer.")}</communication>\n')
    w('  </child>\n  <family>\n')
    w(f'    <parentCarer interpreter="{"true" if lang_code != "en" else "false"}"><name>{escape(rng.choice(GIVEN) + " " + family)}</name><relationship>Parent</relationship>'
      f'<phone>01632 960{index % 1000:03d}</phone><language code="{lang_code}">{lang_name}</language></parentCarer>\n')
    w('  </family>\n  <sectionA>\n')
    w(f'    <gathered>{escape(name)}\'s views were gathered by the class teacher using a talking mat and a drawing activity, and at a meeting with the family.</gathered>\n')
    kinds = ["history", "communication", "views", "interests", "strengths", "aspirations"]
    for i in range(6 * scale):
        kind = kinds[i % len(kinds)]
        attribution = "child-own-words" if kind in ("views", "aspirations") else "parent-carer"
        text = (f"I like it when my day is planned and I know who will help me. I want to get better at {rng.choice(['reading', 'football', 'drawing', 'cooking', 'swimming'])}."
                if attribution == "child-own-words" else
                f"{name} is kind, funny and determined. At home {name} enjoys {rng.choice(['Lego', 'music', 'animals', 'trains', 'baking'])} and spends time with cousins at weekends.")
        w(f'    <entry id="A{i + 1}" kind="{kind}" attribution="{attribution}" speaker={quoteattr(name if attribution == "child-own-words" else "Parent")}>'
          f'<text>{para(text)}{para(rng.choice(IMPACT).format(n=name)) if scale > 1 else ""}</text><source advice="K1"/></entry>\n')
    w('  </sectionA>\n  <sectionB>\n')
    needs = []
    for i in range(n_needs):
        area = areas[i % len(areas)]
        nid = f"B{i + 1}"
        needs.append(nid)
        body = [NEED_OPENERS[area].format(n=name) + "."] + [rng.choice(IMPACT).format(n=name) for _ in range(scale)]
        w(f'    <need id="{nid}" area="{area}"><description>{"".join(para(t) for t in body)}</description><source advice="K2"/></need>\n')
    w('  </sectionB>\n')
    w('  <sectionC><need id="C1" area="health"><description>' + para(f"{name} has a diagnosed condition that is monitored by the community paediatrician and affects stamina in the afternoon.") +
      '</description><source advice="K3"/></need></sectionC>\n')
    w('  <sectionD><none>' + escape(f"{name} has no identified social care needs related to their special educational needs or disability.") + '</none></sectionD>\n')
    w('  <sectionE>\n')
    outcomes = []
    for i, nid in enumerate(needs):
        oid = f"E{i + 1}"
        outcomes.append(oid)
        by = dt.date(2027 + (i % 2), 7, 20)
        w(f'    <outcome id="{oid}"><text>{escape(f"By the end of the summer term {by.year}, {name} will complete a three-step task independently in 8 out of 10 observed lessons.")}</text>'
          f'<meets ref="{nid}"/><timeframe by="{d(by)}" phase="end of the school year"/>'
          f'<step by="{d(by - dt.timedelta(days=200))}">{escape(f"{name} will follow a two-step visual plan with one adult prompt.")}</step><source advice="K2"/></outcome>\n')
    w(f'    <outcome id="E{len(needs) + 1}"><text>{escape(f"By the end of the school year, {name} will attend a full school day without needing to rest in 9 out of 10 weeks.")}</text>'
      f'<meets ref="C1"/><timeframe phase="end of the school year"/><source advice="K3"/></outcome>\n')
    w('  </sectionE>\n  <sectionF>\n')
    f_items = 0
    for i, nid in enumerate(needs):
        for j in range(2 + scale):
            kind, desc, role, qual, agency = PROVISION[(i + j) % 6]
            count, per, minutes = rng.choice(PERIODS)
            f_items += 1
            w(f'    <provision id="F{f_items}" kind="{kind}"><description>{escape(desc.format(n=name))}.</description>'
              f'<meets ref="{nid}"/><towards ref="{outcomes[i]}"/><deliveredBy role="{role}" qualification="{escape(qual)}"/>'
              f'<frequency count="{count}" per="{per}"/><duration minutes="{minutes}"/><staffing ratio="1:{rng.choice([1, 1, 4, 6])}"/>'
              f'<responsible agency="{agency}"/><source advice="K2"/></provision>\n')
    w('  </sectionF>\n  <sectionG>\n')
    kind, desc, role, qual, agency = PROVISION[6]
    w(f'    <provision id="G1" kind="{kind}"><description>{escape(desc.format(n=name))}.</description><meets ref="C1"/><towards ref="E{len(needs) + 1}"/>'
      f'<deliveredBy role="{role}" qualification="{qual}"/><frequency count="1" per="term"/><duration minutes="45"/><staffing ratio="1:1"/>'
      f'<responsible agency="health" commissioner="Exampleshire Integrated Care Board"/><source advice="K3"/></provision>\n')
    w('  </sectionG>\n')
    w('  <sectionH1><none>No social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970 is required.</none></sectionH1>\n')
    w('  <sectionH2><none>No other social care provision is required.</none></sectionH2>\n')
    w('  <sectionI><placement><name>Exampleshire Community School</name><type>Mainstream maintained school</type><urn>100001</urn><attendance>day</attendance></placement></sectionI>\n')
    w('  <sectionJ><none>The family have not asked for a personal budget.</none></sectionJ>\n  <sectionK>\n')
    advice = [("K1", "parent-views", None, "Parent and child views", "Parent", "Parent"),
              ("K2", "educational", "education", "Educational advice", "Jo Teacher", "SENCO"),
              ("K3", "medical", "health", "Medical advice", "Dr A. Paediatrician", "Community paediatrician"),
              ("K4", "psychological", "education", "Psychological advice", "Dr E. Psychologist", "Educational psychologist")]
    for kid, cat, agency, title, author, role in advice:
        agency_attr = f' agency="{agency}"' if agency else ""
        w(f'    <advice id="{kid}" category="{cat}"{agency_attr} requested="{d(request + dt.timedelta(days=28))}" received="{d(request + dt.timedelta(days=60))}" appended="true">'
          f'<title>{title}</title><author>{escape(author)}</author><role>{role}</role></advice>\n')
    w('  </sectionK>\n</plan>\n')
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, default=100)
    ap.add_argument("--size", choices=["tiny", "small", "medium", "large", "mixed"], default="mixed")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    for i in range(args.plans):
        size = args.size if args.size != "mixed" else rng.choice(["small", "medium", "medium", "large"])
        with open(os.path.join(args.out, f"plan-{i:05d}.xml"), "w", encoding="utf-8") as f:
            f.write(plan_xml(rng, i, size))


if __name__ == "__main__":
    main()
