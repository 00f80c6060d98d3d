# The key comes from PARADIGM_API_KEY (keep it out of files); the deployment
# from PARADIGM_BASE_URL or base_url.
provider "paradigm" {
  base_url = "https://paradigm.example.com"
}
