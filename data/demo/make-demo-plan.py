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
# C3 went to the committee meeting after 29 March 2021 and does not give its date, so this one
# is invented and marked sample. So is the Holding to Account meeting.
meet["2021-06-08"] = add("meeting", "meeting/2021-06-08", {
    "kind": "scrutiny", "held_on": "2021-06-08",
    "title": "Children’s Services Overview and Scrutiny: performance information"}, True)
meet["hta/2022-09-01"] = add("meeting", "meeting/hta/2022-09-01", {
    "kind": "holding_to_account", "held_on": "2022-09-01",
    "title": "Holding to Account: workforce"}, True)

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

# Packs (reports) for the meetings. The committee reports' words are their own (C1: 26 January
# 2021; C2: 29 March 2021; C3: the meeting after it; C4: 3 May 2022; C5: 22 November 2022),
# shortened; the Improvement Board and Holding to Account packs are invented and marked sample.
# "issued_on" makes the loader issue each pack as at that date, in date order, so each is
# compared with the one before it.
APPENDICES = ("plan", "kpis", "risks", "ofsted", "since")


def pack(name, meeting, issued_on, fields, appendices, sample, scope="programme", officer=None):
    f = dict(fields, meeting=meet[meeting], scope=scope, version=1)
    for a in APPENDICES:
        f["appendix_" + a] = a in appendices
    if officer:
        f["scope_officer"] = officer
    if issued_on:
        f["issued_on"] = issued_on
    return add("report", "report/" + name, f, sample)


MIKE_WHITE = "Cllr Mike White – Lead Member, Children and Young People"
pack("scrutiny/2021-01-26", "2021-01-26", "2021-01-26", {
    "subject": "Recent Ofsted visit outcome",
    "executive_summary": "The focused visit to Children's Services made by Ofsted in October 2020 resulted in a "
        "formal published letter on 27 November 2020. The letter, which is appended to this report, set out "
        "serious concerns about the quality of services, concerns which warrant urgent and immediate attention. "
        "The 15-point action plan is the response to those concerns.",
    "recommendations": "That the Committee add points into the action planning process, which is active and "
        "continuous.\nThat the Committee decides how it wishes to scrutinise delivery of the Action Plan over "
        "the next few months.",
    "reason": "To achieve maximum constructive scrutiny given the importance of the issues for vulnerable "
        "children and young people in Bournemouth, Christchurch and Poole.",
    "portfolio_holders": MIKE_WHITE + "; Cllr Nicola Greene – Portfolio Holder for Covid Resilience, Schools and Skills",
    "corporate_director": "Elaine Redding, Interim Corporate Director - Children's Services",
    "authors": "Elaine Redding, Interim Corporate Director - Children's Services",
    "wards": "Council-wide", "classification": "For information",
    "background": "The action plan contains all the areas for improvement needed for the service to reach the "
        "level required by the time of the next visit by Ofsted, which will be in the form of a full ILACS "
        "inspection (inspection of local authority children's services). This inspection is likely during 2021 "
        "though the continuing problems associated with the COVID-19 pandemic make predictions about timing "
        "difficult.\n\n"
        "COVID-19 is affecting delivery of the action plan, as it is all aspects of public service and business. "
        "Management capacity for the improvement plan is being compromised due to the need to maintain business "
        "as usual services. Considerable improvement work is happening but not as much as would be possible in "
        "normal times.\n\n"
        "Delivery of the action plan has a robust governance structure. An Improvement Board has been set up, "
        "chaired by the DfE Children's Services Improvement Adviser. This met for the first time on 18 December "
        "and will be meeting six-weekly.\n\n"
        "Overview and Scrutiny will receive regular reports and will be invited to support the programme in any "
        "way they can, using a high support, high challenge and problem-solving approach to complex issues.\n\n"
        "Finally, in this overview note, the Action Plan is deliberately short-term as rapid improvements have "
        "to be made in the next few months. At the same time, a longer-term BCP strategic plan for children and "
        "young people is being developed, to be ready by March 2021.",
    "financial_implications": "An action plan of this gravity inevitably involves extra costs, especially in "
        "the short-term. There are part-year costs in 2020/21 and part to full year costs in 2021/22.\n\n"
        "DfE have given a small amount of support to the council this year in recognition of the need to "
        "improve. A business case will be submitted to them in March seeking a higher level of support to put "
        "in place a sustainably good service.",
    "legal_implications": "None",
    "human_resources_implications": "Workforce capacity, capability and morale will be kept under continuous "
        "review as the programme goes forward. Improvements in each are built into the action plan as these "
        "will be both a pre-condition of improvement and a consequence should developments go to plan.",
    "sustainability_implications": "None.", "public_health_implications": "None.",
    "equality_implications": "A fundamental improvement in children's services inevitably impacts positively on "
        "the life chances of disadvantaged children, young people and their families, given how the children's "
        "services caseload is weighted heavily towards children and young people who have been subject to "
        "adverse childhood experiences.",
    "risk_assessment": "There are no specific extra risks apart from the obvious risks of not delivering the "
        "action plan. This will clearly increase the risks to children and young people and to the council if "
        "it is not capable of making the necessary improvements.",
    "background_papers": "None.",
}, ("plan", "ofsted"), False)

pack("scrutiny/2021-03-29", "2021-03-29", "2021-03-29", {
    "subject": "Update on the progress of the Action Plan following the Ofsted focused visit in October 2020",
    "executive_summary": "Sufficient improvements in Children’s Services have been made in the last few months "
        "to be able to confirm an upwards trajectory. This has been confirmed in audits (now called practice "
        "reviews) which demonstrate a clear month-on-month improvement both in performance and in the quality "
        "of practice. Having said that, the pace of improvement needs to quicken in some delivery areas, as set "
        "out in this report’s ‘Challenges Ahead’ section.",
    "recommendations": "That Members note and scrutinise this update and suggest further improvements as this "
        "is a crucial improvement programme to get right.",
    "reason": "Request by the Chair for an update on the progress of the Action Plan following the Ofsted "
        "‘focused visit’ in October 2020.",
    "wards": "Council-wide",
    "background": "In October 2020, Ofsted carried out a ‘focused visit’ to BCP and were extremely concerned "
        "about the level of service being provided to the most vulnerable children and young people living in "
        "the BCP area. The published letter following this visit led to a 15-point action plan for service "
        "improvement which was submitted to an earlier meeting of this committee.\n\n"
        "Ofsted set out two areas for priority action: the arrangements for management oversight and quality "
        "assurance of social work practice; and the quality of practice, including the application of "
        "thresholds, the quality of assessments, the actions taken at the pre-proceedings stage of the Public "
        "Law Outline and the decision-making for permanence.\n\n"
        "All children now have permanence plans. They are being recorded and tracked on a new Permanence "
        "Tracker. The number of children in care has fallen to 446 which is a 9% reduction on the same period "
        "last year.\n\n"
        "Recruitment of sufficient new permanent staff is proving difficult, despite high profile campaigning, "
        "though the ratio of permanent to interim or locum staff is improving. There is insufficient evidence "
        "that the changes made are being translated into improvements in the lived experience of vulnerable "
        "children, young people and their families.",
    "financial_implications": "None.", "legal_implications": "None.",
    "public_health_implications": "None", "equality_implications": "None", "risk_assessment": "None",
    "background_papers": "None",
}, (), False)

pack("scrutiny/2021-06-08", "2021-06-08", "2021-06-08", {
    "subject": "The performance information substantiating the progress of the Action Plan",
    "executive_summary": "Members received an overview report of progress at their last meeting on 29th March "
        "and requested to see the performance information which substantiated the progress being made. Two "
        "performance-related documents are therefore attached which confirm the trajectory of improvement which "
        "has been maintained since the March committee.",
    "wards": "Council-wide",
    "background": "The Action Plan has been intensively monitored for delivery and shows improvements in all "
        "fifteen areas of the Plan. Position statements by each of the Accountable Officers for the fifteen "
        "actions are attached. Accountable Officers are summoned to ‘Holding to Account’ meetings on a regular "
        "basis, to run through their particular area of the action plan.\n\n"
        "Also attached is the latest data for the Department’s Key Performance Obsessions. These are the most "
        "important aspects of performance which need transformation.\n\n"
        "We are confident these improvements are real. As the sixth position statement shows, audits confirm "
        "this level of improvement. We also sought a second audit opinion from an experienced external auditor "
        "who confirmed the levels we have reached.\n\n"
        "The impact of the pandemic continues to be felt. Referrals have increased, in particular for mental "
        "health and domestic abuse.",
    "financial_implications": "Funding has been set aside in the current financial year for all areas in the "
        "Action Plan. A business case for additional funding to build up important functions like quality "
        "assurance and to buy in specialist training programmes is being discussed with DfE.",
    "legal_implications": "None arising from this report.",
    "public_health_implications": "None arising directly from this report though improvements in all front-line "
        "services like children’s services can have a positive public health impact. An example is reductions "
        "in abuse and neglect.",
    "equality_implications": "Improved children’s services make a positive impact to inclusion, equality and "
        "diversity by supporting disadvantaged and vulnerable individuals and their families and preventing or "
        "limiting their adverse experiences.",
    "risk_assessment": "The risks associated with the Action Plan and improvement journey are that progress is "
        "not quick enough or not made at all in a key area. At present, the risks of this are assessed as low. "
        "The Improvement Board reviews a short risk register at each of its meetings.",
    "background_papers": "None",
}, ("plan", "kpis"), False)

pack("scrutiny/2022-05-03", "2022-05-03", "2022-05-03", {
    "subject": "Childrens Services Improvement Plan",
    "executive_summary": "BCP Childrens Services was inspected in December 2022 and the outcome was an overall "
        "Inadequate judgement. As a result, a Childrens Service Improvement Plan has been produced to ensure "
        "Improvement in Childrens Social Care functions in accordance with the statutory direction notice.",
    "recommendations": "For information and scrutiny",
    "reason": "Childrens Overview and Scrutiny have statutory powers to scrutinise decisions and plans for the "
        "service. The Childrens Services Improvement Plan is being presented for scrutiny so the committee can "
        "offer constructive challenge, share any voices of concern and support the drive for improvement.",
    "portfolio_holders": "Mike White- Children and Young People.",
    "corporate_director": "Cathi Hadley – Interim Corporate Director – Childrens Services",
    "authors": "Rachel Gravett, Director of Quality, Performance Improvement and Governance",
    "wards": "Council-wide", "classification": "For information",
    "background": "BCP Childrens Services was subject to an Inspection of Local Authority Childrens Services "
        "(ILACs) from the 6th to 17th December 2021.\n\n"
        "The outcome of the inspection was that Childrens Services was judged as Inadequate overall.\n\n"
        "The Childrens Services Improvement Plan (Draft) sets out what we aim to achieve over the next 3-6 and "
        "12+ months.\n\n"
        "In developing this plan, we have listened to the views of children and young people, our partners and "
        "workforce, looked at what our data tells us, listened to the views of Ofsted/DfE and identified where "
        "we need to drive forward change to rapidly improve the outcomes for our children and young people.\n\n"
        "Our planning is outcome focussed so that we can be clear about the difference we want to see for "
        "children and young people in BCP.",
    "financial_implications": "The financial implications of the improvement work are currently being "
        "established through Business Case approach",
    "legal_implications": "The Secretary of State has considered the outcome of the December ILACs inspection "
        "and is satisfied that the Council is failing to perform to an adequate standard, some or all of the "
        "functions to which section 497A of the Education Act 1996 is applied by section 50 of the Children Act "
        "2004. As a result, the Secretary of State has appointed John Coughlan as the Improvement Adviser for "
        "Children’s Services in the Council.",
    "sustainability_implications": "There are no current identified sustainability impact implications",
    "public_health_implications": "There are no current public health implications",
    "equality_implications": "Draft being completed",
    "risk_assessment": "Risks are identified in the Children Service Improvement Action Plans",
    "background_papers": "N/A",
}, ("plan", "ofsted"), False)

pack("scrutiny/2022-11-22", "2022-11-22", "2022-11-22", {
    "subject": "Children's Services Improvement Update",
    "executive_summary": "BCP Children’s Services was inspected, under the Inspection of Local Authority "
        "Children’s Services (ILACs) framework in December 2021. The outcome was an overall inadequate "
        "judgement. As a result the Secretary of State of Education issued a Statutory Direction and appointed "
        "a DfE Improvement Adviser to support the Council in their improvement of Children’s Social Care "
        "Services.",
    "wards": "Council-wide",
    "background": "As a result a Children’s Services Improvement Plan is in place to ensure progress is made at "
        "pace in Children’s Social Care in line with the recommendations of the December Inspection and in "
        "accordance with the statutory direction notice received by the Council in March 2022.\n\n"
        "Overview and Scrutiny require regular updates on themes regarding improvement. In October 2022 "
        "Children’s Services had their second Monitoring Visit, the letter published by Ofsted is presented for "
        "scrutiny alongside, the DfE Advisers first report. The DfE Adviser in their role is required to review "
        "the pace and progress of improvement at 6 months to ensure it is sufficient and report on this to the "
        "Secretary of State.",
}, APPENDICES, False)

# The Improvement Board's own packs (invented, sample): the plan, the KPOs, the short risk
# register and Ofsted's findings, compared board to board.
def board_pack(date, director, summary, issued=True):
    pack("board/" + date, date, date if issued else None, {
        "subject": "Improvement Board: progress and exceptions",
        "executive_summary": summary,
        "recommendations": "That the Board notes the exceptions and agrees how each will be brought back on track.",
        "reason": "The Board oversees delivery of the improvement plan six-weekly.",
        "portfolio_holders": MIKE_WHITE,
        "corporate_director": director,
        "authors": "Director of Quality, Performance Improvement and Governance",
        "wards": "Council-wide", "classification": "For decision",
        "background": "This pack reports each action’s latest position statement, the Key Performance "
            "Obsessions, the risk register and Ofsted’s findings, and what changed since the last board, "
            "exceptions first.",
        "risk_assessment": "The Board reviews the risk register at each meeting.",
    }, APPENDICES, True)


board_pack("2021-06-04", "Elaine Redding, Interim Corporate Director - Children's Services",
           "Most actions of the 15-point plan are on track; recruitment, assessment timeliness and the voice of "
           "the child remain the exceptions.")
board_pack("2022-06-17", "Cathi Hadley, Interim Corporate Director - Children's Services",
           "The first board on the Improvement Plan after the Inadequate judgement: six actions rolled forward "
           "from the 15-point plan and three added from Ofsted’s report.")
board_pack("2022-09-09", "Cathi Hadley, Interim Corporate Director - Children's Services",
           "Leadership development and care leavers’ housing are now on track; unborn and very young children "
           "remain red.")
board_pack("2022-10-21", "Cathi Hadley, Interim Corporate Director - Children's Services",
           "The second monitoring visit found a sensible, sustainable plan. The risk of slow improvement has "
           "come down from high.")
board_pack("2022-12-02", "Cathi Hadley, Interim Corporate Director - Children's Services",
           "Draft for the December board.", issued=False)

pack("hta/2022-09-01", "hta/2022-09-01", "2022-09-01", {
    "subject": "Holding to Account: recruitment and retention",
    "executive_summary": "The accountable officer’s actions, their position statements and the risks they own.",
    "wards": "Council-wide", "classification": "For information",
}, ("plan", "kpis", "risks", "since"), True, scope="officer",
    officer="Head of Workforce Development (Grace Nwosu)")

json.dump({"format": "improvement-board-records", "version": 1,
           "title": "Bournemouth, Christchurch and Poole: children’s services improvement (demo)",
           "records": records}, sys.stdout, ensure_ascii=False, indent=1)
sys.stdout.write("\n")
