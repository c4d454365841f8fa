/* ib-links.h: the links between an action and what it is meant to move, answer or treat, read
 * and written the same from either end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ib-store.h"

G_BEGIN_DECLS

/* A link seen from one end. Each is stored once: an action's KPIs on the action
 * (linked_indicators), the findings it answers on each finding (linked_actions), and the risks
 * it treats on each risk (linked_actions), which the action's linked_risks mirrors. */
typedef enum
{
  IB_LINK_ACTION_INDICATORS,   /* the KPIs an action claims to move */
  IB_LINK_ACTION_RISKS,        /* the risks an action treats */
  IB_LINK_ACTION_FINDINGS,     /* the inspection findings an action answers */
  IB_LINK_INDICATOR_ACTIONS,   /* the actions that claim to move a KPI */
  IB_LINK_RISK_ACTIONS,        /* the actions that treat a risk */
  IB_LINK_FINDING_ACTIONS,     /* the actions that answer a finding */
} IbLink;

/* Returns the type of the record @link starts from. */
const IbRecordType *ib_link_source_type (IbLink       link);

/* Returns the type of the records @link leads to. */
const IbRecordType *ib_link_target_type (IbLink       link);

/* Returns the ids @link leads to from record @id, in the order they were linked or, for links
 * stored at the other end, in that type's order (transfer full, never NULL). Ids of records
 * not on this device are kept where the link is stored on @id itself. */
GStrv       ib_links_get                (IbStore     *store,
                                         IbLink       link,
                                         const char  *id);

/* Makes @link from record @id lead to exactly @ids, writing every record that stores a part of
 * it (and the actions' mirror of their risks) in one transaction; records whose links do not
 * change are not written. Where the link is stored on @id itself, @ids is written as given
 * (a link to a record this device cannot see stays); where it is stored at the other end,
 * ids of records not on this device are ignored. */
gboolean    ib_links_set                (IbStore            *store,
                                         IbLink              link,
                                         const char         *id,
                                         const char * const *ids,
                                         GError            **error);

G_END_DECLS
