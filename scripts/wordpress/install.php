<?php
/**
 * Installs (or brings up to date) the WordPress used by comment-box's tests. Idempotent.
 * Called by scripts/wordpress/setup.mjs, which writes /etc/wordpress/config-127.0.0.1.php first.
 *
 * Arguments (JSON in argv[1]): dbHost, rootUser, rootPassword, dbName, dbUser, dbPassword, adminPassword.
 * Prints one JSON line: { "user": "admin", "appPassword": "...", "installed": bool }.
 */
if (PHP_SAPI !== 'cli') exit(1);
$o = json_decode($argv[1] ?? '', true);
if (!is_array($o)) { fwrite(STDERR, "install.php: expected a JSON argument\n"); exit(2); }

mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
[$host, $port] = array_pad(explode(':', $o['dbHost'], 2), 2, '3306');
$db = new mysqli($host, $o['rootUser'], $o['rootPassword'], '', (int) $port);
$name = $db->real_escape_string($o['dbName']);
$user = $db->real_escape_string($o['dbUser']);
$pass = $db->real_escape_string($o['dbPassword']);
$db->query("CREATE DATABASE IF NOT EXISTS `$name` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci");
foreach (['%', 'localhost', '127.0.0.1'] as $h) {
    $db->query("CREATE USER IF NOT EXISTS '$user'@'$h' IDENTIFIED BY '$pass'");
    $db->query("ALTER USER '$user'@'$h' IDENTIFIED BY '$pass'");
    $db->query("GRANT ALL PRIVILEGES ON `$name`.* TO '$user'@'$h'");
}
$db->close();

$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = '80';
define('WP_INSTALLING', true);
// There is no mail on a test machine.
function wp_new_blog_notification() {}
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$installed = is_blog_installed();
if (!$installed) {
    $result = wp_install('comment-box tests', 'admin', 'admin@example.com', false, '', $o['adminPassword']);
    if (is_wp_error($result)) { fwrite(STDERR, $result->get_error_message() . "\n"); exit(3); }
}

$admin = get_user_by('login', 'admin');
wp_set_password($o['adminPassword'], $admin->ID);

global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
$options = [
    'blog_public' => '0',
    'default_comment_status' => 'open',
    'require_name_email' => '1',
    'comment_registration' => '0',
    'comment_moderation' => '0',
    'comment_previously_approved' => '0',
    'close_comments_for_old_posts' => '0',
    'thread_comments' => '1',
    'thread_comments_depth' => '10',
    'page_comments' => '0',
    'show_avatars' => '1',
    'moderation_keys' => '',
    'disallowed_keys' => '',
];
foreach ($options as $k => $v) update_option($k, $v);

// One post with comments for trying the element by hand (the tests make their own posts).
if (!get_page_by_path('comment-box-demo', OBJECT, 'post')) {
    $id = wp_insert_post(['post_title' => 'comment-box demo', 'post_name' => 'comment-box-demo', 'post_status' => 'publish',
        'post_content' => 'A post for trying comment-box.', 'comment_status' => 'open', 'post_author' => $admin->ID]);
    $first = wp_insert_comment(['comment_post_ID' => $id, 'comment_author' => 'Ada', 'comment_content' => 'The first comment.', 'comment_approved' => 1]);
    wp_insert_comment(['comment_post_ID' => $id, 'comment_author' => 'Grace', 'comment_content' => 'A <em>reply</em>.', 'comment_parent' => $first, 'comment_approved' => 1]);
}

// A fresh Application Password for the tests' admin calls (creating posts, approving, settings).
foreach (WP_Application_Passwords::get_user_application_passwords($admin->ID) as $item) {
    if ($item['name'] === 'comment-box-tests') WP_Application_Passwords::delete_application_password($admin->ID, $item['uuid']);
}
[$password] = WP_Application_Passwords::create_new_application_password($admin->ID, ['name' => 'comment-box-tests']);

echo json_encode(['user' => 'admin', 'appPassword' => $password, 'installed' => $installed]), "\n";
