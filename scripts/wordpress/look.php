<?php
/**
 * For `npm run screenshots`: activates Twenty Twenty-Three (Debian's wordpress-theme-twentytwentythree)
 * and (re)creates the post "comment-box-look" with a seeded thread, four levels deep, dated from now.
 * Run after scripts/wordpress/setup.mjs has set WordPress up. Prints one JSON line: { "url", "id" }.
 */
if (PHP_SAPI !== 'cli') exit(1);
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require '/usr/share/wordpress/wp-load.php';

if (!wp_get_theme('twentytwentythree')->exists()) {
    fwrite(STDERR, "Twenty Twenty-Three is not installed (apt-get install wordpress-theme-twentytwentythree)\n");
    exit(3);
}
if (get_stylesheet() !== 'twentytwentythree') switch_theme('twentytwentythree');

$old = get_page_by_path('comment-box-look', OBJECT, 'post');
if ($old) wp_delete_post($old->ID, true);
$admin = get_user_by('login', 'admin');
$paragraph = fn($text) => "<!-- wp:paragraph -->\n<p>$text</p>\n<!-- /wp:paragraph -->\n";
$id = wp_insert_post([
    'post_title' => 'Slow Bread: what a week of sourdough taught me',
    'post_name' => 'comment-box-look',
    'post_status' => 'publish',
    'comment_status' => 'open',
    'post_author' => $admin->ID,
    'post_content' => $paragraph('I started the week with a jar of flour and water and a vague plan. By Sunday I had four loaves, one of them edible, and a much better idea of why bakers talk about patience as if it were an ingredient.')
        . $paragraph('Have you baked with a starter? Tell me what went wrong the first time — I read every comment.'),
]);

// [key, parent key, author, minutes ago, text]
$thread = [
    ['1', null, 'Femke', 600, 'How warm was your kitchen? Mine is 18 °C in winter and nothing rises.'],
    ['2', '1', 'Marta', 540, 'About 21 °C. At 18 °C I would expect the bulk rise to take nine or ten hours.'],
    ['3', '2', 'Femke', 500, 'Nine hours! Should I use warmer water then?'],
    ['4', '3', 'Olu', 420, 'Water at 30 °C helped me a lot. Or put the bowl in the oven with only the light on.'],
    ['5', '4', 'Femke', 300, 'The oven light trick worked: doubled in six hours. Thank you both!'],
    ['6', null, 'Jonas', 580, 'Rye starters are much more forgiving for beginners, in my experience.'],
    ['7', null, 'Priya', 560, 'Is the fridge night really worth it? I read that it mostly changes the flavour.'],
    ['8', '7', 'Marta', 520, 'For flavour, yes. For the crust, definitely.'],
    ['9', null, 'Sam', 200, 'Tried it this weekend. Frisbee number two, but a tastier frisbee.'],
];
$ids = [];
foreach ($thread as [$key, $parent, $author, $ago, $text]) {
    $gmt = gmdate('Y-m-d H:i:s', time() - $ago * 60);
    $ids[$key] = wp_insert_comment([
        'comment_post_ID' => $id,
        'comment_parent' => $parent ? $ids[$parent] : 0,
        'comment_author' => $author,
        'comment_author_email' => strtolower($author) . '@example.com',
        'comment_author_url' => $author === 'Marta' ? 'https://example.com/marta' : '',
        'comment_content' => $text,
        'comment_approved' => 1,
        'comment_date_gmt' => $gmt,
        'comment_date' => get_date_from_gmt($gmt),
    ]);
}

echo json_encode(['url' => get_permalink($id), 'id' => $id]), "\n";
