"""Signs in to the console as a person does (the sign-in page's form with its antiforgery token) and prints the
cookies a browser would then send, as one Cookie header value, for the console scenario.

    python3 bench/console-signin.py <base-url> <username> <password>
"""
import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request


def main(base, username, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/console/signin").read().decode()
    token = re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', page)
    if token is None:
        sys.exit("no antiforgery token on the sign-in page")
    form = urllib.parse.urlencode({"_handler": "signin", "__RequestVerificationToken": token.group(1),
                                   "Form.Username": username, "Form.Password": password}).encode()
    opener.open(f"{base}/console/signin", data=form).read()
    # The users list answers its page only when signed in (otherwise it redirects to the sign-in page).
    landed = opener.open(f"{base}/console/users")
    if "/console/signin" in landed.geturl():
        sys.exit("the console did not sign in")
    print("; ".join(f"{c.name}={c.value}" for c in jar))


if __name__ == "__main__":
    main(*sys.argv[1:4])
