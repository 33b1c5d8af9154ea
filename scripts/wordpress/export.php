<?php
/**
 * Runs WordPress's own exporter (Tools → Export, `export_wp()`) from the PHP CLI and writes the WXR
 * to the file named in argv[1]. Used by comment-box-server's import tests.
 *
 *   php scripts/wordpress/export.php /tmp/site.wxr
 */
if (PHP_SAPI !== 'cli') exit(1);
$target = $argv[1] ?? '';
if ($target === '') { fwrite(STDERR, "export.php: expected an output file\n"); exit(2); }
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = '80';
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/export.php';
ob_start();
export_wp(['content' => 'all']);
$xml = ob_get_clean();
if (file_put_contents($target, $xml) === false) { fwrite(STDERR, "export.php: cannot write $target\n"); exit(3); }
echo strlen($xml), "\n";
