# article.sh: the article view: entities inline (colour by type,
# suggestions underlined, accepted bold, rejected plain), the word cursor,
# Tab to entities, the focused entity in the status bar, paging, search.
. "$SCREENLIB"

makedb "$TESTDATA/browse/browse.jsonl"
cat >"$T/keys" <<END
<Enter>
:screen --attrs $T/article-open.screen
<Tab>
<Tab>
:screen --attrs $T/article-tab.screen
<S-Tab>
<S-Tab>
<S-Tab>
:screen $T/article-wrap.screen
g
l
l
l
j
j
<C-l>
:screen --attrs $T/article-cursor.screen
<Space>
:screen $T/article-page.screen
-
:screen $T/article-page-up.screen
G
:screen $T/article-end.screen
j
:screen $T/article-end-down.screen
g
/
hasanov aliyev
<Enter>
:screen --attrs $T/article-search.screen
n
n
:screen $T/article-search-next.screen
N
N
N
:screen $T/article-search-prev.screen
q
:screen $T/article-back.screen
/
"Land Forces"
<Enter>
<Enter>
:screen $T/article-from-search.screen
q
j
j
j
j
<Enter>
:screen $T/article-long.screen
l
l
l
l
l
l
l
l
l
l
:screen --attrs $T/article-long-word.screen
END
browse 80x24 "$T/keys"
for s in open tab wrap cursor page page-up end end-down search search-next search-prev \
	back from-search long long-word; do
	screen "article-$s"
done
finish
