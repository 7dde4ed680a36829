#!/usr/bin/env python3
"""Writes a generated news corpus as story families, for load tests and
clustering benchmarks.

    python3 scripts/gen_corpus.py --stories 1000 --out target/corpus.jsonl

Each story is an invented event (a fire, flood, storm, strike, crash… in a
real-sounding city, with figures, a date and an official quoted) told by
an original and its derivatives: exact reprints under other outlets, light
edits (a sentence reworded or dropped), and rewrites with changed numbers
or dates — the drift the engine must see through. Every line is a JSON
Lines article (SPEC §2); `--gold FILE` also writes `id<TAB>story` lines so a
clustering run can be scored. Deterministic for a given --seed.
"""
import argparse
import datetime
import json
import random
import sys

CITIES = ["Novi Sad", "Split", "Ptuj", "Osijek", "Gdańsk", "Poznań", "Brno", "Graz", "Tartu", "Kaunas",
          "Cluj-Napoca", "Varna", "Mostar", "Skopje", "Debrecen", "Ljubljana", "Plovdiv", "Rijeka",
          "Lublin", "Ostrava", "Pécs", "Zadar", "Bitola", "Daugavpils", "Klaipėda", "Nitra", "Kosice",
          "Timișoara", "Ruse", "Tuzla", "Podgorica", "Shkodër", "Durrës", "Iași", "Brașov", "Olomouc"]
# kind, lead, toll, responders, causes, follow-up sentences of that kind
EVENTS = [
    ("fire", "A fire destroyed {n} warehouses", "{k} workers were injured", "firefighters",
     ["an electrical fault", "a discarded cigarette", "welding work"],
     ["Thick smoke rose over the industrial zone of {city} for hours.",
      "The blaze spread to a timber yard before it was contained."]),
    ("flood", "Floods damaged {n} homes", "{k} residents were evacuated", "rescue teams",
     ["three days of heavy rain", "a breached dyke", "melting snow"],
     ["The river in {city} rose {m} metres above its normal level.",
      "Sandbags were stacked along the embankment overnight."]),
    ("storm", "A storm tore the roofs off {n} buildings", "{k} people were hurt", "emergency crews",
     ["gusts of up to {m}0 km/h", "a sudden squall line", "a tornado"],
     ["Fallen trees blocked roads across {city} and its suburbs.",
      "The weather service had issued an orange warning the evening before."]),
    ("explosion", "An explosion wrecked {n} garages", "{k} people were injured", "police",
     ["a gas leak", "stored fireworks", "a faulty boiler"],
     ["Windows were shattered in blocks of flats up to {m}00 metres away.",
      "Bomb-disposal experts searched the site before residents returned."]),
    ("landslide", "A landslide buried {n} houses", "{k} people were rescued", "mountain rescuers",
     ["saturated slopes", "illegal quarrying", "a small earthquake"],
     ["Mud and rocks covered the road to {city} over a stretch of {m} kilometres.",
      "Geologists warned that the hillside could move again."]),
    ("crash", "A bus crash blocked {n} kilometres of the motorway", "{k} passengers were hurt", "paramedics",
     ["a burst tyre", "black ice", "a driver who fell asleep"],
     ["The coach was carrying a school group from {city} to the coast.",
      "Traffic was diverted through nearby villages for {m} hours."]),
    ("strike", "A strike halted {n} trams", "{k} routes were cancelled", "the transport company",
     ["a dispute over wages", "new shift rules", "the dismissal of a union leader"],
     ["Commuters in {city} queued for buses and taxis in the rain.",
      "Union leaders said the walkout would last {m} days."]),
    ("outage", "A power cut left {n} thousand homes without electricity", "{k} hospitals ran on generators", "engineers",
     ["a fire at a substation", "a cable cut by an excavator", "an overloaded transformer"],
     ["Traffic lights went dark across {city} during the morning rush.",
      "The grid operator said supply would be fully restored within {m} hours."]),
]
QUOTES = ["We are doing everything we can to help the families",
          "Our first concern is the safety of the people of {city}",
          "The situation is under control but the work is far from over",
          "Nobody expected damage on this scale",
          "We will find out what went wrong and who is responsible",
          "I want to thank the volunteers who came to help"]
FIRST = ["Ana", "Marek", "Jana", "Ivo", "Lena", "Tomas", "Mila", "Petra", "Goran", "Eva", "Luka", "Nina"]
LAST = ["Horvat", "Nowak", "Svoboda", "Petrov", "Kask", "Varga", "Kovač", "Popescu", "Novák", "Ilić"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["Daily Courier", "Morning Post", "Regional News", "City Herald", "Evening Star", "The Ledger",
           "News Wire", "Metro Today", "Valley Times", "Coast Gazette"]
ROLES = ["the mayor", "the regional governor", "a police spokesperson", "the head of the emergency service"]


STREETS = ["Main", "Station", "Harbour", "Mill", "Church", "Market", "Bridge", "Forest", "Lake", "Castle",
           "Garden", "School", "Vine", "Oak", "River", "Hill", "Meadow", "Union", "Liberty", "Spring"]
DETAILS = [
    "Witnesses said they heard {sound} shortly after {hour} a.m. near {street} Street.",
    "A {age}-year-old {person} was among those taken to the {hospital} hospital.",
    "The {street} Street area was cordoned off and {m2} nearby buildings were checked.",
    "Local schools on {street} Road stayed closed and {m3} classes were moved online.",
    "Neighbours from the {street} district brought blankets, food and water to the families.",
    "The owner of a {shop} on {street} Avenue said the losses would run to {m4} thousand euros.",
    "About {m5} volunteers joined the clean-up on {day2}.",
    "The local football club offered its stadium on {street} Lane as a shelter.",
    "Insurance experts began assessing claims from {m6} households.",
    "Train services to {other} were delayed by up to {m2} hours.",
]
SOUNDS = ["a loud bang", "sirens", "a roar", "cracking noises", "alarms"]
PERSONS = ["woman", "man", "firefighter", "teacher", "driver", "pensioner", "student"]
HOSPITALS = ["university", "regional", "military", "children's", "county"]
SHOPS = ["bakery", "pharmacy", "hardware store", "café", "bookshop", "butcher's shop"]


def story_sentences(rng, s):
    kind, lead, toll, responders, causes, follow = EVENTS[(s * 5 + s // len(CITIES)) % len(EVENTS)]
    city = CITIES[s % len(CITIES)]
    n, k, m = rng.randint(3, 90), rng.randint(2, 60), rng.randint(2, 9)
    day = rng.choice(DAYS)
    who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    role = rng.choice(ROLES)
    quote = rng.choice(QUOTES).format(city=city)
    details = [d.format(sound=rng.choice(SOUNDS), hour=rng.randint(1, 11), street=rng.choice(STREETS),
                        age=rng.randint(6, 90), person=rng.choice(PERSONS), hospital=rng.choice(HOSPITALS),
                        m2=rng.randint(2, 40), m3=rng.randint(2, 40), m4=rng.randint(10, 900),
                        m5=rng.randint(20, 400), m6=rng.randint(10, 900), day2=rng.choice(DAYS),
                        shop=rng.choice(SHOPS), other=rng.choice([c for c in CITIES if c != city]))
               for d in rng.sample(DETAILS, 4)]
    kind_lines = [f.format(city=city, m=m) for f in follow]
    sentences = [
        f"{lead.format(n=n)} in {city} on {day}, and {toll.format(k=k)}, officials said.",
        details[0],
        f"\"{quote},\" said {who}, {role}.",
        rng.choice(kind_lines),
        details[1],
        f"The {kind} was caused by {rng.choice(causes).format(m=m)}, according to a preliminary report.",
        details[2],
        details[3],
        f"{who} said an inquiry into the {kind} in {city} would begin within {rng.randint(2, 14)} days.",
    ]
    return {
        "title": f"{lead.format(n=n)} in {city}",
        "sentences": sentences,
        "n": n, "k": k, "day": day,
    }


def derive(rng, base, copy):
    """A derivative of the original: reprint, light edit or rewrite."""
    kind = copy % 4
    sents = list(base["sentences"])
    if kind == 1:  # light edit: one sentence dropped, one reworded
        sents.pop(rng.randrange(3, len(sents)))
        sents[2] = sents[2].replace(" said ", " told reporters, adding ", 1)
    elif kind == 2:  # rewrite with a changed figure
        sents[0] = sents[0].replace(f" {base['k']} ", f" {base['k'] + rng.randint(1, 9)} ", 1)
        sents = [s.replace("officials said", "authorities reported") for s in sents]
    elif kind == 3:  # rewrite with a changed day and reordered middle
        other = rng.choice([d for d in DAYS if d != base["day"]])
        sents[0] = sents[0].replace(base["day"], other)
        sents[2], sents[3] = sents[3], sents[2]
    return sents


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=1000)
    ap.add_argument("--per-story", type=int, default=4, help="articles per story (original + derivatives)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="-")
    ap.add_argument("--gold", help="also write id<TAB>story lines here")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    gold = open(args.gold, "w", encoding="utf-8") if args.gold else None
    for s in range(args.stories):
        base = story_sentences(rng, s)
        # Stories a few days apart, as in a real crawl; copies follow their
        # original within days.
        start = datetime.date(2000, 1, 1) + datetime.timedelta(days=5 * s)
        for c in range(args.per_story):
            sents = base["sentences"] if c == 0 else derive(rng, base, c)
            aid = f"g{s}-{c}"
            out.write(json.dumps({
                "id": aid,
                "url": f"https://news{c % 10}.example/{s}/{c}",
                "outlet": OUTLETS[(s + c) % len(OUTLETS)],
                "published": (start + datetime.timedelta(days=c % 3)).isoformat(),
                "title": base["title"],
                "text": " ".join(sents) + f"\nFiled by desk {s * args.per_story + c}.",
            }, ensure_ascii=False) + "\n")
            if gold:
                gold.write(f"{aid}\t{s}\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
