/*
 * menu.h: the type menu of the article view (view_menu.c): a box over
 * the text listing ui->types.  The article view owns it and hands it its
 * actions while it is open.
 */
#ifndef NERVE_MENU_H
#define NERVE_MENU_H

#include "actions.h"

struct ui;
struct type_menu;

/* What menu_act returns besides the index in ui->types of the type
 * chosen. */
enum { MENU_OPEN = -1, MENU_CANCEL = -2 };

/* A menu with the type called current highlighted (or the first; current
 * may be NULL); owned, released with menu_close. */
struct type_menu *menu_open(struct ui *ui, const char *current);
/* Release *m and clear the pointer (NULL-safe). */
void menu_close(struct type_menu **m);
/* Draw the menu over the view. */
void menu_draw(struct ui *ui, struct type_menu *m);
/* Take an action of the article view: MENU_OPEN (still choosing),
 * MENU_CANCEL, or the index of the type chosen. */
int menu_act(struct ui *ui, struct type_menu *m, enum action a);

#endif
