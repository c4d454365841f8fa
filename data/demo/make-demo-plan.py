#!/usr/bin/env python3
"""Writes demo-plan.json: the demo plan, from BCP Council's committee reports and Ofsted's
letters and report on its children's services, 2020-2022.

docs/demo-data.md lists the sources; the keys in the comments here (C1-C5, O1-O3, N1, N2) are
theirs. Every record says where it comes from: facts stated in those sources have
"sample": false; anything invented (officers' names, most KPI values, the risk register,
position-statement texts) has "sample": true, and the app marks it as sample data. The data
is all in this file: it reads nothing. Ids are UUIDv5 of a stable name, so regenerating gives
the same ids and loading twice never duplicates. Run: python3 make-demo-plan.py > demo-plan.json
"""
import json
import sys
import uuid

NS = uuid.UUID("6b1f2a52-6a43-4d67-9a1e-0c0e3f1b2d10")
STAMP = "2022-11-22T12:00:00Z"
records = []


def rid(name):
    return str(uuid.uuid5(NS, name))


def add(kind, name, fields, sample, klass="public", paragraph=None):
    rec = {"type": kind, "id": rid(name), "rev": 0, "class": klass,
           "updated_at": STAMP, "updated_by": "Demo plan",
           "fields": dict(fields, sample=sample)}
    if paragraph:
        rec["exempt_paragraph"] = paragraph
    records.append(rec)
    return rec["id"]


# Meetings. 18 Dec 2020 [C1] and the committee dates [C1-C5] are facts; the later six-weekly
# board dates are derived (18 Dec 2020 + 42 days) and so marked sample.
board_dates = ["2021-01-29", "2021-03-12", "2021-04-23", "2021-06-04", "2021-07-16",
               "2021-08-27", "2021-10-08", "2021-11-19", "2022-01-07", "2022-02-11",
               "2022-03-25", "2022-05-06", "2022-06-17", "2022-07-29", "2022-09-09",
               "2022-10-21", "2022-12-02"]
meet = {}
meet["2020-12-18"] = add("meeting", "meeting/2020-12-18", {
    "kind": "improvement_board", "held_on": "2020-12-18",
    "title": "Improvement Board (first meeting)"}, False)
for d in board_dates:
    meet[d] = add("meeting", "meeting/" + d, {
        "kind": "improvement_board", "held_on": d, "title": "Improvement Board"}, True)
for d, title in [("2021-01-26", "Children’s Services Overview and Scrutiny: Recent Ofsted visit outcome"),
                 ("2021-03-29", "Children’s Services Overview and Scrutiny: overview report of progress"),
                 ("2022-05-03", "Scrutiny Committee: Children’s Services Improvement Plan"),
                 ("2022-11-22", "Children’s Services Overview and Scrutiny, item 56: Improvement Update")]:
    meet[d] = add("meeting", "meeting/" + d, {"kind": "scrutiny", "held_on": d, "title": title}, False)

# Ofsted engagements.
fv2019 = add("inspection", "inspection/fv-2019", {
    "kind": "focused_visit", "starts_on": "2019-11-01",
    "summary": "The earlier focused visit. The reports give the month only, so the 1st is shown."}, False)
fv2020 = add("inspection", "inspection/fv-2020", {
    "kind": "focused_visit", "starts_on": "2020-10-01", "published_on": "2020-11-27",
    "link": "https://www.bournemouthecho.co.uk/news/20579521.full-letter-ofsted-sent-bcp-councils-childrens-services/",
    "summary": "Inspectors were “extremely concerned about the level of service”, worse than at the "
               "previous focused visit, and set two areas for priority action. The reports give the "
               "month of the visit only, so the 1st is shown."}, False)
ilacs = add("inspection", "inspection/ilacs-2021", {
    "kind": "standard", "framework": "ilacs_2018", "starts_on": "2021-12-06", "ends_on": "2021-12-17",
    "published_on": "2022-02-11", "lead_inspector": "Steve Lowe HMI",
    "summary": "Overall effectiveness: Inadequate. The statutory direction followed in March 2022."}, False)
mv1 = add("inspection", "inspection/mv1-2022", {
    "kind": "monitoring_visit", "visit_number": 1, "starts_on": "2022-06-07", "ends_on": "2022-06-08",
    "theme": "Front door", "lead_inspector": "Anna Gravelle HMI"}, False)
mv2 = add("inspection", "inspection/mv2-2022", {
    "kind": "monitoring_visit", "visit_number": 2, "starts_on": "2022-10-04", "ends_on": "2022-10-05",
    "theme": "Children in Need and Child Protection", "lead_inspector": "Steve Lowe HMI",
    "summary": "Feedback went to Overview and Scrutiny on 22 November 2022 with the DfE adviser’s first report."}, False)

for area, grade in [("impact_of_leaders", "inadequate"), ("help_and_protection", "inadequate"),
                    ("children_in_care_and_care_leavers", "requires_improvement"),
                    ("overall_effectiveness", "inadequate")]:
    add("judgement", "judgement/ilacs-2021/" + area,
        {"inspection": ilacs, "area": area, "grade": grade}, False)

# The DfE's intervention [C4, C5]: the notice arrived in March 2022 (month only).
add("intervention", "intervention/direction-2022", {
    "kind": "statutory_direction", "starts_on": "2022-03-01",
    "instrument": "Section 497A Education Act 1996, as applied by section 50 Children Act 2004",
    "adviser": "John Coughlan", "review_on": "2022-09-01",
    "summary": "The Secretary of State was satisfied the council was failing to perform its children’s "
               "social care functions to an adequate standard. The adviser reviews the pace and progress "
               "of improvement at six months and reports to the Secretary of State, including whether "
               "services could prosper and improve within BCP or should move to a children’s trust. "
               "The reports give the month of the notice only, so the 1st is shown; the review date "
               "is six months on."}, False)

# Plans and priorities.
plan1 = rid("plan/15-point")
plan2 = rid("plan/improvement-2022")
# The successor is named by plan 1, so it is loaded first.
add("plan", "plan/improvement-2022", {
    "title": "Children’s Social Care Improvement Plan", "version_label": "Draft v3",
    "origin_inspection": ilacs, "starts_on": "2022-05-03", "ends_on": "2023-05-31",
    "status": "active"}, False)
add("plan", "plan/15-point", {
    "title": "15-point action plan", "version_label": "Appendix A", "origin_inspection": fv2020,
    "starts_on": "2021-01-26", "ends_on": "2021-07-31", "status": "superseded",
    "successor_plan": plan2}, False)

prio = {}
for i, (code, title, sample) in enumerate([
        ("APA1", "Management oversight and quality assurance of social work practice", False),
        ("APA2", "The quality of practice: thresholds, assessments, pre-proceedings (PLO) and permanence", False),
        ("W", "Workforce", True), ("L", "Leadership and learning", True),
        ("C", "Children’s experience and care leavers", True), ("P", "Partnerships", True)]):
    prio[("1", code)] = add("priority", "priority/1/" + code, {
        "plan": plan1, "code": code, "title": title, "sort_order": i}, sample)
for i, (code, title) in enumerate([
        ("W", "Workforce and leadership"), ("C", "Children’s experience and care leavers"),
        ("P", "Partnerships"), ("O", "What Ofsted said needs to improve (December 2021)")]):
    prio[("2", code)] = add("priority", "priority/2/" + code, {
        "plan": plan2, "code": code, "title": title, "sort_order": i}, True)

# The fifteen actions (titles ILLUSTRATIVE, built on themes C2 and C3 name; officers FICTIONAL).
R, A, G = "red", "amber", "green"
actions1 = [
    (1, "APA1", "Management oversight: supervision and formal advice notes recorded on every case file",
     "Head of Service, Quality Assurance (Helen Marsh)", "3_6_months", A, G),
    (2, "APA1", "Independent practice review (audit) programme and moderation",
     "Director of Quality, Performance Improvement and Governance", "3_6_months", A, G),
    (3, "APA1", "Monthly performance surgeries and the KPO scorecard",
     "Performance and Intelligence Manager (Tom Okafor)", "3_6_months", G, G),
    (4, "APA2", "Thresholds and Early Help step-up and step-down", "Head of Early Help (Sarah Lyle)",
     "3_6_months", A, G),
    (5, "APA2", "Assessment quality and timeliness (Assessment Service)",
     "Service Manager, Assessment (Daniel Reeve)", "3_6_months", R, A),
    (6, "APA2", "MASH and Out of Hours front-door decision-making", "Head of MASH (Anita Kaur)",
     "3_6_months", A, G),
    (7, "APA2", "PLO pre-proceedings and court work (Case Progression Manager)",
     "Head of Legal Planning and Court (Mark Bevan)", "3_6_months", A, G),
    (8, "APA2", "Permanence planning for every child in care (Permanence Tracker)",
     "Head of Corporate Parenting (Joanna Pike)", "3_6_months", G, G),
    (9, "APA2", "Edge of Care Panel and safe reduction of care entries", "Head of Edge of Care (Liam Foster)",
     "12_months_plus", G, G),
    (10, "W", "Recruitment and retention: raise the permanent-to-interim and locum ratio",
     "Head of Workforce Development (Grace Nwosu)", "12_months_plus", R, A),
    (11, "L", "Senior leadership development with the Hampshire partnership (8 managers)",
     "Corporate Director, Children’s Services", "12_months_plus", A, A),
    (12, "L", "Social Work Academy (Gloucestershire partnership) and the Bournemouth University residency",
     "Principal Social Worker (Ruth Allen)", "12_months_plus", A, A),
    (13, "C", "Voice of the child and evidence of lived experience", "Participation Lead (Femi Adeyemi)",
     "12_months_plus", R, A),
    (14, "C", "Secure housing for care leavers (over 40 young people)", "Head of Leaving Care (Chris Dunn)",
     "12_months_plus", A, A),
    (15, "P", "Multi-agency partnership: Team Around the School, domestic abuse, exploitation and County Lines",
     "Head of Partnerships and Safeguarding (Nadia Rahman)", "12_months_plus", A, A),
]

texts_mar = {
    2: "Practice review programme running monthly, independent of line management. 64 reviews Jan–Mar: "
       "inadequate down from 48% to 35%. External moderator booked for May.",
}
next_mar = {2: "Publish the QA framework and learning loop."}
texts_jun = {
    2: "Second opinion from external auditor confirms grading. Inadequate 27% in Q1 21/22. Thematic "
       "review on neglect underway with the Bournemouth University residency.",
    10: "Permanent recruitment still difficult despite campaign; ratio improving. Overseas cohort in "
        "discussion. Risk R02 remains high.",
}

action_id = {}
for ref, pcode, title, officer, horizon, rag_mar, rag_jun in actions1:
    done = rag_jun == G and ref <= 9
    status = "complete" if done else "rescheduled"
    action_id[("1", ref)] = add("action", "action/1/%d" % ref, {
        "plan": plan1, "priority": prio[("1", pcode)], "ref": str(ref), "title": title,
        "accountable_officer": officer, "horizon": horizon, "starts_on": "2021-01-26",
        "due_on": "2021-06-30" if horizon == "3_6_months" else "2021-12-31",
        "status": status, "delivery_rag": rag_jun, "impact_rag": rag_jun}, True)
    for date, rag, texts, meeting in [("2021-03-29", rag_mar, texts_mar, "2021-03-29"),
                                      ("2021-06-04", rag_jun, texts_jun, "2021-06-04")]:
        narrative = texts.get(ref) or (
            "%s: %s. Delivery is %s against the plan; evidence of impact is being gathered through "
            "practice reviews and the KPO scorecard." % (
                "Position at the March 2021 scrutiny report" if date.startswith("2021-03")
                else "Position for the June 2021 Improvement Board",
                title, {"red": "behind", "amber": "partly on track", "green": "on track"}[rag]))
        klass, para = ("exempt", 2) if (ref == 7 and date == "2021-06-04") else ("public", None)
        if klass == "exempt":
            narrative = "Two children in pre-proceedings for more than 26 weeks; both reviewed weekly by the Case Progression Manager."
        add("position_statement", "statement/1/%d/%s" % (ref, date), {
            "action": action_id[("1", ref)], "as_at": date, "author": officer,
            "narrative": narrative, "delivery_rag": rag, "impact_rag": rag,
            "next_steps": (next_mar.get(ref) if date.startswith("2021-03") else None)
            or "Report progress to the next Holding to Account meeting.",
            "meeting": meet[meeting]}, True, klass, para)

# Plan 2 (June 2022): rolls forward actions 10–15 and adds three from the Dec 2021 report.
actions2 = [
    (10, "W", actions1[9][2], actions1[9][3], "rolled_forward", "2023-03-31", "on_track", [A, A, A]),
    (11, "W", actions1[10][2], "Corporate Director, Children’s Services", "rolled_forward", "2022-09-30",
     "complete", [A, G, G]),
    (12, "W", actions1[11][2], actions1[11][3], "rolled_forward", "2023-03-31", "on_track", [A, A, G]),
    (13, "C", actions1[12][2], actions1[12][3], "rolled_forward", "2023-03-31", "at_risk", [A, A, A]),
    (14, "C", actions1[13][2], actions1[13][3], "rolled_forward", "2022-12-31", "on_track", [A, G, G]),
    (15, "P", actions1[14][2], actions1[14][3], "rolled_forward", "2023-03-31", "on_track", [A, A, A]),
    (16, "O", "Timely protection for unborn and very young children at risk of significant harm",
     "Head of MASH (Anita Kaur)", "3_6_months", "2022-12-31", "off_track", [R, R, R]),
    (17, "O", "A good standard of care for young people living in houses in multiple occupation",
     "Head of Leaving Care (Chris Dunn)", "3_6_months", "2022-09-30", "complete", [A, G, G]),
    (18, "O", "Virtual school oversight of attainment and care leavers’ access to their health records",
     "Head of Corporate Parenting (Joanna Pike)", "12_months_plus", "2023-05-31", "at_risk", [A, A, A]),
]
notes2 = {
    10: ["Agency rate above 30% in early 2022. Six social workers joined from Rwanda with six to follow.",
         "Retention payments agreed; overseas recruits inducted. Agency rate 31% and falling slowly.",
         "Permanent appointments to two team manager posts. Still reliant on agency staff in assessment."],
    17: ["Placements in houses in multiple occupation reviewed one by one.",
         "Houses in multiple occupation placements cut from 14 to 1, with a plan for the last young person.",
         "Complete: no young person placed in a house in multiple occupation without a quality check."],
}
for ref, pcode, title, officer, horizon, due, status, rags in actions2:
    final = rags[-1]
    action_id[("2", ref)] = add("action", "action/2/%d" % ref, {
        "plan": plan2, "priority": prio[("2", pcode)], "ref": str(ref), "title": title,
        "accountable_officer": officer, "horizon": horizon, "starts_on": "2022-05-03", "due_on": due,
        "status": status, "delivery_rag": final, "impact_rag": A if final == G else final}, True)
    for k, date in enumerate(["2022-06-17", "2022-09-09", "2022-10-21"]):
        narrative = notes2.get(ref, [None, None, None])[k] or (
            "%s. Delivery rated %s by the accountable officer for the Improvement Board of %s." % (
                title, rags[k], date))
        klass, para = ("exempt", 4) if (ref == 10 and k == 1) else ("public", None)
        add("position_statement", "statement/2/%d/%s" % (ref, date), {
            "action": action_id[("2", ref)], "as_at": date, "author": officer, "narrative": narrative,
            "delivery_rag": rags[k], "impact_rag": A if rags[k] == G else rags[k],
            "next_steps": "Evidence the difference for children at the next monitoring visit.",
            "meeting": meet[date]}, True, klass, para)

# Findings. The focused-visit areas for priority action [O1, quoted in C2], the December 2021
# "what needs to improve" list [O2] and the second monitoring visit's strength [O3].
add("finding", "finding/fv2020/apa1", {
    "inspection": fv2020, "kind": "area_for_priority_action", "sort_order": 1,
    "text": "The arrangements for management oversight and quality assurance of social work practice",
    "linked_actions": [action_id[("1", r)] for r in (1, 2, 3)]}, False)
add("finding", "finding/fv2020/apa2", {
    "inspection": fv2020, "kind": "area_for_priority_action", "sort_order": 2,
    "text": "The quality of practice, including the application of thresholds, the quality of assessments, "
            "the actions taken at the pre-proceedings stage of the Public Law Outline (known as the PLO) "
            "and the decision-making for permanence",
    "linked_actions": [action_id[("1", r)] for r in (4, 5, 6, 7, 8, 9)]}, False)
wni = [
    ("Recruitment and retention of the workforce, so that children do not experience multiple changes of social worker or personal adviser", [10]),
    ("The quality of practice: assessment, planning, chronologies, the response to domestic abuse, emotional support for children in care, and recording children’s views", [13, 15]),
    ("The timeliness of the response to unborn and very young children at risk of significant harm", [16]),
    ("The standard of care for young people living in houses in multiple occupation", [17]),
    ("The impact of quality assurance and management oversight", []),
    ("The virtual school’s overview of children’s attainment", [18]),
    ("Care leavers’ access to their health records", [18]),
]
for i, (text, refs) in enumerate(wni, 1):
    add("finding", "finding/ilacs2021/wni%d" % i, {
        "inspection": ilacs, "kind": "what_needs_to_improve", "sort_order": i, "text": text,
        "linked_actions": [action_id[("2", r)] for r in refs]}, False)
add("finding", "finding/mv2/strength", {
    "inspection": mv2, "kind": "strength", "sort_order": 1,
    "text": "A sensible, sustainable plan; the overall quality of service is slowly improving"}, False)

# KPIs ("Key Performance Obsessions" [C3]). Only 446 in March 2021 [C2] and 490 a year before
# (derived from C2's 9% fall) are facts, with England's figures [N2]; the other values are
# illustrative.
months = ["2020-10", "2020-11", "2020-12", "2021-01", "2021-02", "2021-03", "2021-04", "2021-05",
          "2021-06", "2021-09", "2021-12", "2022-03"]
series = {
    "CLA_N": [478, 472, 468, 463, 455, 446, 441, 438, 436, 443, 450, 458],
    "REREF12": [31, 30, 30, 29, 28, 27, 26, 26, 25, 24, 22, 21],
    "ASMT45": [58, 61, 64, 70, 74, 79, 82, 84, 83, 84, 86, 90],
    "ICPC15": [62, 64, 68, 72, 75, 78, 80, 81, 82, 83, 85, 86],
    "CPP_2ND": [27, 27, 26, 26, 25, 25, 25, 24, 24, 24, 23, 23],
    "SW_CASE": [22, 22, 21, 21, 21, 20, 20, 20, 20, 19, 19, 19],
    "SW_AGENCY": [36, 36, 35, 35, 35, 34, 34, 34, 33, 33, 32, 31],
}
indicators = [
    ("CLA_N", "Children in care", "Children looked after at the end of the month", "Children in care",
     "count", 0, "neutral", None, None, None),
    ("REREF12", "Re-referrals within 12 months", "Referrals within 12 months of a previous referral",
     "Front door", "percent", 0, "lower_is_better", 22, 2, (22, 21, 20)),
    ("ASMT45", "Assessments completed within 45 working days", None, "Assessment", "percent", 0,
     "higher_is_better", 85, 3, (86, 84, 87)),
    ("ICPC15", "Initial child protection conferences within 15 working days", None, "Child protection",
     "percent", 0, "higher_is_better", 85, 3, None),
    ("CPP_2ND", "Child protection plans that are a second or later plan", None, "Child protection",
     "percent", 0, "lower_is_better", 22, 2, None),
    ("SW_CASE", "Average caseload per social worker", None, "Workforce", "count", 0, "lower_is_better",
     18, 1, (16, 16.5, 15.5)),
    ("SW_AGENCY", "Agency social worker rate", "Agency workers as a share of children and family social workers (FTE)",
     "Workforce", "percent", 0, "lower_is_better", 20, 3, (17.8, 19, 16)),
]
# The period of each England figure [N2].
england_period = {"REREF12": "2023–24", "ASMT45": "2024–25", "SW_CASE": "September 2023",
                  "SW_AGENCY": "September 2023"}
ind_id = {}
for code, title, definition, category, unit, decimals, polarity, target, tol, comp in indicators:
    fields = {"code": code, "title": title, "category": category, "unit": unit, "decimals": decimals,
              "polarity": polarity, "frequency": "monthly"}
    if definition:
        fields["definition"] = definition
    if target is not None:
        fields["target"] = target
        fields["tolerance"] = tol
    ind_id[code] = add("indicator", "indicator/" + code, fields, code != "CLA_N")
    for m, v in zip(months, series[code]):
        mf = {"indicator": ind_id[code], "period": m, "value": v}
        if m == "2022-03" and comp:
            mf.update(england=comp[0], stat_neighbours=comp[1], region=comp[2],
                      note="England: national figure for %s; statistical neighbours and South West illustrative"
                      % england_period[code])
        add("measurement", "measurement/%s/%s" % (code, m), mf, not (code == "CLA_N" and m == "2021-03"))
add("measurement", "measurement/CLA_N/2020-03", {
    "indicator": ind_id["CLA_N"], "period": "2020-03", "value": 490,
    "note": "Derived: 446 in March 2021 was a 9% reduction on the same period last year"}, False)

quarters = ["2020-10", "2021-01", "2021-04", "2021-07", "2021-10", "2022-01"]
audit = {"QA_INAD": ("Practice reviews graded inadequate", "lower_is_better", [48, 35, 27, 22, 18, 14]),
         "QA_RI": ("Practice reviews graded requires improvement", "neutral", [40, 47, 50, 50, 50, 49]),
         "QA_GOOD": ("Practice reviews graded good or better", "higher_is_better", [12, 18, 23, 28, 32, 37])}
for code, (title, polarity, values) in audit.items():
    ind_id[code] = add("indicator", "indicator/" + code, {
        "code": code, "title": title, "category": "Practice reviews", "unit": "percent", "decimals": 0,
        "polarity": polarity, "frequency": "quarterly",
        "definition": "Share of practice reviews (audits) in the quarter, graded independently of line management"}, True)
    for q, v in zip(quarters, values):
        add("measurement", "measurement/%s/%s" % (code, q), {"indicator": ind_id[code], "period": q, "value": v}, True)

# Risks (ILLUSTRATIVE entries built on what C1, C2, C3 and C5 say; owners are roles).
risks = [
    ("R01", "Improvement is not fast enough in a key area", "strategic", "Corporate Director, Children’s Services",
     (4, 5), [(1, 4), (1, 4), (3, 5), (3, 5), (2, 5)], (2, 5), "2023-03-31", "averse",
     "Holding to Account meetings; six-weekly Improvement Board; DfE adviser’s six-month review",
     "Further Ofsted or DfE concern", "Escalation: a commissioner or a Children’s Trust"),
    ("R02", "Shortage of permanent social workers and managers", "people", "Head of Workforce Development",
     (5, 4), [(4, 4), (4, 4), (4, 4), (4, 4), (4, 4)], (3, 3), "2023-03-31", "open",
     "Recruitment and retention payments; overseas recruitment; the Social Work Academy",
     "Reliance on agency staff and multiple changes of worker", "Practice drift"),
    ("R03", "Post-pandemic demand spikes in domestic abuse and mental health", "operational", "Head of MASH",
     (4, 3), [(3, 3), (3, 3), (3, 3), (3, 3), (3, 3)], (2, 3), None, "cautious",
     "MASH triage; specialist domestic abuse advice at the front door",
     "Front-door overload", "Delays for children"),
    ("R04", "COVID-19 restrictions disrupt visiting and management capacity", "operational",
     "Corporate Director, Children’s Services",
     (5, 3), [(3, 3), (2, 3), (2, 2), (1, 2), (1, 2)], (1, 2), None, "cautious",
     "Risk assessment of each visit; virtual contact", "Disrupted visiting", "Slower delivery"),
    ("R05", "Changes are not felt in children’s lived experience", "safeguarding", "Participation Lead",
     (4, 4), [(3, 4), (3, 4), (3, 4), (3, 4), (3, 4)], (2, 3), None, "averse",
     "Voice-of-the-child questions in practice reviews; feedback surveys",
     "Improvement is process-only", "Ofsted finds limited impact"),
    ("R06", "More than one case management system after local government reorganisation", "operational",
     "Performance and Intelligence Manager",
     (4, 3), [(3, 3), (3, 3), (3, 3), (3, 3), (3, 3)], (1, 3), None, "cautious",
     "Data-quality checks; reconciliation", "Unreliable data", "The KPOs mislead"),
    ("R07", "DfE business case declined or budget pressure", "financial", "Director of Finance",
     (3, 4), [(3, 3), (3, 3), (3, 3), (3, 3), (3, 3)], (2, 3), None, "cautious",
     "Funding set aside for all plan areas; business case to the DfE",
     "Funding gaps in quality assurance and training", "Slower improvement"),
    ("R08", "Interim leaders leave before permanent successors are ready", "people",
     "Corporate Director, Children’s Services",
     (4, 4), [(3, 4), (3, 4), (3, 4), (2, 4), (2, 4)], (2, 3), None, "open",
     "Hampshire development of eight managers; permanent appointments", "Loss of leaders", "Loss of momentum"),
    ("R09", "Partners feel unsupported or relations become adversarial", "partnership", "Head of Partnerships",
     (3, 3), [(3, 3), (3, 3), (2, 3), (2, 3), (2, 3)], (2, 2), None, "cautious",
     "Team Around the School; the school inclusion inquiry", "Weak multi-agency working",
     "Children’s needs are missed"),
    ("R10", "Insufficient transformation capacity during corporate restructure", "strategic", "Chief Executive",
     (4, 3), [(3, 3), (3, 3), (2, 3), (2, 3), (2, 3)], (2, 2), None, "cautious",
     "Corporate directors’ joint problem-solving", "Barriers to improvement", "Slower delivery"),
]
review_dates = ["2021-06-04", "2021-10-08", "2022-02-11", "2022-06-17", "2022-10-21"]
for ref, title, category, owner, inherent, reviews, target, target_by, appetite, controls, event, consequence in risks:
    closed = ref == "R04"
    klass, para = ("exempt", 3) if ref == "R07" else ("public", None)
    fields = {"ref": ref, "title": title, "cause": title, "event": event, "consequence": consequence,
              "category": category, "owner": owner,
              "inherent_l": inherent[0], "inherent_i": inherent[1],
              "residual_l": reviews[-1][0], "residual_i": reviews[-1][1],
              "target_l": target[0], "target_i": target[1], "controls": controls,
              "response": "tolerate" if closed else "treat", "appetite": appetite,
              "status": "closed" if closed else "open", "next_review": "2022-12-02"}
    if target_by:
        fields["target_by"] = target_by
    if ref == "R01":
        fields["further_actions"] = "Deliver the improvement plan; DfE adviser review at six months"
        fields["linked_actions"] = [action_id[("2", r)] for r in (10, 16)]
    risk_id = add("risk", "risk/" + ref, fields, True, klass, para)
    for date, (l, i) in zip(review_dates, reviews):
        add("risk_review", "review/%s/%s" % (ref, date), {
            "risk": risk_id, "reviewed_on": date, "residual_l": l, "residual_i": i,
            "note": "Reviewed by the Improvement Board", "meeting": meet[date]}, True)

json.dump({"format": "improvement-board-records", "version": 1,
           "title": "Bournemouth, Christchurch and Poole: children’s services improvement (demo)",
           "records": records}, sys.stdout, ensure_ascii=False, indent=1)
sys.stdout.write("\n")
