/* ib-meetings-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-meetings-util"

#include "config.h"

#include <glib/gi18n.h>

#include "ib-badge.h"
#include "ib-enums.h"
#include "ib-format.h"
#include "ib-meetings-util.h"

const char *
ib_meetings_pack_state_label (IbPackState state)
{
  switch (state)
    {
    case IB_PACK_STATE_ISSUED:
      return C_("pack state", "Issued");
    case IB_PACK_STATE_SUPERSEDED:
      /* Translators: an issued pack a later issued version corrects */
      return C_("pack state", "Superseded");
    case IB_PACK_STATE_DRAFT:
    default:
      return C_("pack state", "Draft");
    }
}

GtkWidget *
ib_meetings_pack_state_badge (IbPackState  state,
                              const char  *text)
{
  if (text == NULL)
    text = ib_meetings_pack_state_label (state);

  /* A pencil for what may still change, a padlock for what is frozen, an older copy for what
   * was corrected. */
  switch (state)
    {
    case IB_PACK_STATE_ISSUED:
      return ib_badge_new (text, "changes-prevent-symbolic", "good");
    case IB_PACK_STATE_SUPERSEDED:
      return ib_badge_new (text, "document-open-recent-symbolic", "neutral");
    case IB_PACK_STATE_DRAFT:
    default:
      return ib_badge_new (text, "document-edit-symbolic", "warning");
    }
}

static gboolean
node_has_exempt (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (node_has_exempt (json_array_get_element (array, i)))
          return TRUE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) members = NULL;

      if (ib_pack_is_placeholder (object, NULL) ||
          g_strcmp0 (ib_pack_member_string (object, "class"), "exempt") == 0)
        return TRUE;
      members = json_object_get_values (object);
      for (GList *l = members; l != NULL; l = l->next)
        if (node_has_exempt (l->data))
          return TRUE;
    }
  return FALSE;
}

gboolean
ib_meetings_pack_has_part2 (IbPack *pack)
{
  JsonObject *document;
  const char *sections[] = { "priorities", "actions", "indicators", "risks", "inspections", "since" };

  g_return_val_if_fail (IB_IS_PACK (pack), FALSE);

  if (ib_pack_is_exempt (pack))
    return TRUE;
  /* The report's own fields are the pack's Status, not an item: only the content counts. */
  document = ib_pack_get_document (pack);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      JsonNode *node = json_object_get_member (document, sections[i]);

      if (node != NULL && node_has_exempt (node))
        return TRUE;
    }
  return FALSE;
}

gboolean
ib_meetings_pack_offers_part2 (IbStore *store,
                               IbPack  *pack)
{
  g_autoptr (JsonArray) part2 = NULL;

  g_return_val_if_fail (IB_IS_STORE (store), FALSE);
  g_return_val_if_fail (IB_IS_PACK (pack), FALSE);

  if (!ib_pack_part2_allowed (store))
    return FALSE;
  if (ib_pack_is_exempt (pack))
    return TRUE;
  part2 = ib_pack_dup_part2 (pack);
  return json_array_get_length (part2) > 0;
}

const char *
ib_meetings_part_label (IbPackPart part)
{
  return ib_enum_label (&ib_enum_snapshot_part, part == IB_PACK_PART_EXEMPT ? "part2" : "part1");
}

char *
ib_meetings_pack_file_name (IbPack     *pack,
                            IbPackPart  part,
                            gboolean    say_part)
{
  JsonObject *report = ib_pack_member_object (ib_pack_get_document (pack), "report");
  const char *subject = ib_pack_member_string (report, "subject");
  g_autofree char *name = NULL;

  g_return_val_if_fail (IB_IS_PACK (pack), NULL);

  if (subject == NULL)
    subject = ib_format_record_type ("report");
  if (say_part)
    /* Translators: the suggested file name of an exported pack: its subject and "Part 1" or "Part 2" */
    name = g_strdup_printf (_("%s, %s.pdf"), subject, part == IB_PACK_PART_EXEMPT ? _("Part 2") : _("Part 1"));
  else
    name = g_strconcat (subject, ".pdf", NULL);
  /* A subject may hold a slash, which a file name cannot. */
  return g_strdelimit (g_steal_pointer (&name), "/\\", '-');
}
