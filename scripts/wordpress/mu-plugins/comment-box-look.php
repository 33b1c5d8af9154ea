<?php
/**
 * Plugin Name: comment-box look
 * Description: For `npm run screenshots` only: shows <comment-box> under the post "comment-box-look",
 *   in place of the theme's own comments. Never install this on a real site.
 *
 * The screenshot script serves the built bundle on 127.0.0.1 and opens the post with
 * `?comment-box-bundle=http://127.0.0.1:PORT/` (and `&comment-box-lang=ar` for a right-to-left page).
 * Other posts, and this post without those parameters, are left alone.
 */

/** The bundle's base URL from the query, when it is a loopback http URL; else null. */
function comment_box_look_bundle() {
    $bundle = isset($_GET['comment-box-bundle']) ? (string) $_GET['comment-box-bundle'] : '';
    if (!preg_match('#^http://127\.0\.0\.1:\d{1,5}/$#', $bundle)) return null;
    return is_singular('post') && get_post_field('post_name') === 'comment-box-look' ? $bundle : null;
}

function comment_box_look_rtl() {
    return ($_GET['comment-box-lang'] ?? '') === 'ar';
}

// The element after the post's text, as a site owner's plugin or a Custom HTML block would put it.
add_filter('the_content', function ($content) {
    $bundle = comment_box_look_bundle();
    if (!$bundle || !in_the_loop()) return $content;
    $locale = comment_box_look_rtl()
        ? sprintf('<script type="module" src="%s"></script>', esc_url($bundle . 'translations/ar.js'))
        : '';
    return $content . sprintf(
        '<comment-box backend="wordpress" endpoint="%s" thread-id="%d" loading="eager"></comment-box>'
            . '<script type="module" src="%s"></script>%s',
        esc_url(home_url()),
        get_the_ID(),
        esc_url($bundle . 'comment-box.js'),
        $locale
    );
}, 99);

// The theme's own comments section would show the same comments a second time.
add_filter('render_block', function ($html, $block) {
    if (!comment_box_look_bundle()) return $html;
    $name = $block['blockName'] ?? '';
    $slug = $block['attrs']['slug'] ?? '';
    if ($name === 'core/comments' || ($name === 'core/template-part' && $slug === 'comments')) return '';
    return $html;
}, 10, 2);

// An Arabic page: <html lang="ar" dir="rtl">.
add_filter('language_attributes', function ($output) {
    return comment_box_look_rtl() && comment_box_look_bundle() ? 'lang="ar" dir="rtl"' : $output;
});
