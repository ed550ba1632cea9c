/** @file The `imgverify` command: check an image's detached CMS signature and mark it verified. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/image.h>
#include <lwpxe/script.h>
#include <lwpxe/trust.h>

/** Option ids */
enum {
	IMGVERIFY_OPT_SIGNER = 1,
};

/** Options of `imgverify` */
static const struct cmd_option imgverify_opts[] = {
	{ .name = "signer", .short_name = 's', .has_arg = 1,
	  .id = IMGVERIFY_OPT_SIGNER },
};

static const struct command imgverify_command;

/**
 * The image named @p location, else fetched from it (then *@p fetched
 * is set and the caller frees it); NULL after one line starting with @p who
 */
static struct image *imgverify_get(const char *who, const char *location,
				   int *fetched)
{
	struct image *image = image_find(location);

	*fetched = 0;
	if (image)
		return image;
	if (image_fetch(who, location, NULL, &image) < 0)
		return NULL;
	*fetched = 1;
	return image;
}

/** Check @p sig over @p image and mark it verified; one line on failure */
static int imgverify_check(const char *who, struct image *image,
			   const struct image *sig, const char *signer)
{
	char why[256];
	int rc;

	rc = trust_verify_signature(image->data, image->len, sig->data,
				    sig->len, signer, why, sizeof(why));
	if (rc < 0) {
		printf("%s: %s: %s\n", who, rc == -EBADMSG ? sig->name :
		       image->name, why);
		return rc;
	}
	image->verified = 1;
	return 0;
}

/** `imgverify [--signer NAME] IMAGE SIGNATURE` (names or URIs) */
static int imgverify_exec(int argc, char **argv)
{
	const char *signer = NULL;
	struct image *image, *sig;
	int image_fetched, sig_fetched;
	int optind = 1;
	char who[96];
	char *arg;
	int id, rc;

	while ((id = parse_options(&imgverify_command, imgverify_opts,
				   ARRAY_SIZE(imgverify_opts), argc, argv,
				   &optind, &arg)) > 0)
		signer = arg;
	if (id < 0)
		return id;
	if (argc - optind != 2)
		return command_usage(&imgverify_command);
	snprintf(who, sizeof(who), "%simgverify", script_where());
	image = imgverify_get(who, argv[optind], &image_fetched);
	if (!image)
		return -ENOENT;
	sig = imgverify_get(who, argv[optind + 1], &sig_fetched);
	rc = sig ? imgverify_check(who, image, sig, signer) : -ENOENT;
	if (sig_fetched)
		image_free(sig);
	if (image_fetched)
		image_register(image);
	return rc;
}

/** The `imgverify` command */
static const struct command imgverify_command = {
	.name = "imgverify",
	.usage = "[--signer name] image signature",
	.exec = imgverify_exec,
};
COMMAND(imgverify_command);
