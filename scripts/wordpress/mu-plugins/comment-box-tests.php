<?php
/**
 * Plugin Name: comment-box tests
 * Description: Test-only settings for comment-box's WordPress tests. Never install this on a real site.
 *
 * - Allows anonymous comments through the REST API: the one filter a site owner adds too
 *   (see docs/wordpress.md) — except on posts whose slug starts with "no-anonymous", so that
 *   the "anonymous comments are not enabled" answer can be tested.
 * - Turns WordPress's flood control off, except for authors whose email ends in "@flood.test",
 *   because a test suite posts many comments from one IP within seconds.
 * - Exposes the "comment_moderation" option in /wp/v2/settings so a test can hold comments.
 */

add_filter('rest_allow_anonymous_comments', function ($allow, $request) {
    $post = get_post((int) $request['post']);
    if ($post && str_starts_with($post->post_name, 'no-anonymous')) return false;
    return true;
}, 10, 2);

add_action('check_comment_flood', function () {
    remove_filter('wp_is_comment_flood', 'wp_check_comment_flood', 10);
}, 20);

add_filter('wp_is_comment_flood', function ($is_flood, $ip, $email, $date, $avoid_die = false) {
    if (is_string($email) && str_ends_with(strtolower($email), '@flood.test')) {
        return wp_check_comment_flood($is_flood, $ip, $email, $date, $avoid_die);
    }
    return $is_flood;
}, 10, 5);

add_action('init', function () {
    register_setting('discussion', 'comment_moderation', [
        'type' => 'boolean',
        'show_in_rest' => true,
        'description' => 'Hold every new comment for moderation.',
    ]);
});
