"""What the provider says about a person (OIDC_USERINFO): e-mail, verified, and a name."""


def userinfo(claims: dict, user) -> dict:
    claims["email"] = user.email
    claims["email_verified"] = True
    claims["name"] = f"{user.first_name} {user.last_name}".strip()
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    return claims
